import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { Command } from "../command.ts";
import { UsageError } from "../read-input.ts";

/** The vitest bin installed for the connector in `dir` (its own devDependency). */
function vitestBin(dir: string): string {
  let packageFile: string;
  try {
    packageFile = createRequire(join(dir, "package.json")).resolve("vitest/package.json");
  } catch {
    throw new UsageError(`vitest is not installed for ${dir}. Fix: npm install (a standalone connector lists vitest in devDependencies)`);
  }
  const bin = (JSON.parse(readFileSync(packageFile, "utf8")) as { bin: Record<string, string> }).bin.vitest!;
  return join(dirname(packageFile), bin);
}

export const testCommand: Command = {
  name: "test",
  summary: "Run a connector's tests (vitest, in its folder; network blocked beyond loopback by its setup)",
  usage: "connectors test [dir] [-- vitest arguments]",
  options: {},
  async run(args, io) {
    const [target = ".", ...rest] = args.positionals;
    const dir = resolve(io.cwd, target);
    if (!existsSync(join(dir, "package.json"))) throw new UsageError(`${dir} has no package.json; run connectors test in a connector's folder`);
    const result = spawnSync(process.execPath, [vitestBin(dir), "run", ...rest], { cwd: dir, stdio: "inherit" });
    if (result.error) throw new UsageError(`could not start vitest: ${result.error.message}`);
    return result.status ?? 1;
  },
};
