/** `pnpm registry verify` (next commit). */
export async function runVerifyCommand(_o: { target: string; publicKeyFile?: string }): Promise<number> {
  console.error("registry verify: not implemented yet");
  return 1;
}
