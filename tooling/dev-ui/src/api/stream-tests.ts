import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { basename, join } from "node:path";

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Runs a workspace connector's vitest project (`vitest run --project <slug>`) and streams its
 * output to the page as plain text while it runs; the last line is `[exit code N]`. The child is
 * ended when the page goes away. Only for trusted workspace packages: tests run in-process.
 */
export function streamTests(res: ServerResponse, root: string, dir: string): void {
  const project = basename(dir);
  const local = join(root, "node_modules", "vitest", "vitest.mjs");
  const [command, args] = existsSync(local) ? [process.execPath, [local, "run", "--project", project]] : ["pnpm", ["vitest", "run", "--project", project]];
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.write(`$ vitest run --project ${project}\n`);
  const child = spawn(command, args as string[], { cwd: root, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  const forward = (chunk: Buffer) => res.write(chunk.toString("utf8").replace(ANSI, ""));
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  child.on("error", (error) => res.end(`\ncannot start vitest: ${error.message}\n[exit code 127]\n`));
  child.on("close", (code) => res.end(`\n[exit code ${code ?? 1}]\n`));
  res.on("close", () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
}
