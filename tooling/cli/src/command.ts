import type { ParseArgsConfig } from "node:util";

/** Where a command writes; tests capture it. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Hides a connector's secrets in everything written from now on, error reports included (commands call it once they know them). */
  protect?: (redact: (text: string) => string) => void;
}

/** Parsed arguments of one command. */
export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** One `connectors <name>` command. `run` returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(args: CommandArgs, io: CommandIO): Promise<number>;
}
