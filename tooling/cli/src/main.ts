import { parseArgs } from "node:util";
import type { CommandIO } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { describeError, renderErrorText } from "./describe-error.ts";
import { runResultJson, type RunResult } from "./print-run-result.ts";
import { redactingIO } from "./redacting-io.ts";

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `usage: connectors <command> [options]\n\n${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}\n\nconnectors <command> --help shows a command's options. --debug prints stack traces.\n`;
}

/**
 * Runs the CLI with `argv` (without node and script); returns the exit code. Known errors print as
 * one clear message (JSON with --json); stack traces only with --debug.
 */
export async function main(argv: string[], output: CommandIO): Promise<number> {
  const io = redactingIO(output);
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    io.stdout(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`unknown command "${name}"\n\n${help()}`);
    return 1;
  }
  const json = rest.includes("--json");
  const debug = rest.includes("--debug");
  try {
    if (rest.includes("--help")) {
      io.stdout(`usage: ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    const parsed = parseArgs({ args: rest.filter((a) => a !== "--debug"), options: command.options, allowPositionals: true, strict: true });
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | string[] | undefined> }, io);
  } catch (error) {
    const described = describeError(error);
    if (json) {
      const partial = (error as { runResult?: RunResult }).runResult;
      io.stdout(`${JSON.stringify({ ...(partial ? runResultJson(partial) : {}), ok: false, error: described }, null, 2)}\n`);
    } else {
      io.stderr(renderErrorText(described, debug));
    }
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
