import { main } from "./main.ts";

/** What one CLI run printed (for tests): exit code, stdout, stderr and stdout parsed as JSON when it is. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** Runs `connectors <argv>` in-process with `cwd`, capturing its output (for tests). */
export async function runCliForTest(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}
