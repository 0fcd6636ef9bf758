import type { CommandIO } from "./command.ts";

/**
 * The CLI's output, with every text written through the redactors that commands register with
 * `io.protect` (a connector's secrets, once a command knows them): log lines, results, `--json`
 * documents, error reports and `--debug` stacks alike. The last line of defence; the harness has
 * already redacted what it recorded.
 */
export function redactingIO(io: CommandIO): CommandIO {
  const redactors: Array<(text: string) => string> = [];
  const redact = (text: string) => redactors.reduce((out, redactor) => redactor(out), text);
  return {
    cwd: io.cwd,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
    protect: (redactor) => {
      redactors.push(redactor);
      io.protect?.(redactor);
    },
  };
}
