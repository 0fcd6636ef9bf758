/** `pnpm registry serve` (next commit). */
export async function runServeCommand(_o: { dir: string; port: number; host: string }): Promise<number> {
  console.error("registry serve: not implemented yet");
  return 1;
}
