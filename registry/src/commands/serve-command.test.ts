import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "../bin.ts");
const TSX = join(import.meta.dirname, "../../../node_modules/.bin/tsx");
let taken: Server;
let port: number;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "registry-serve-"));
  writeFileSync(join(dir, "registry.json"), "{}");
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => taken.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the real `pnpm registry` entry in a child process (what a maintainer sees, exit code included). */
function registry(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [BIN, ...argv], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe("pnpm registry serve", () => {
  it("says in one line that the port is taken and which flag changes it", async () => {
    const { code, stdout, stderr } = await registry("serve", "--dir", dir, "--port", String(port));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`error: Port ${port} on 127.0.0.1 is already in use (is another registry serve running?). Fix: stop the other process, or pick another port: pnpm registry serve --port ${port + 1} (--port 0 takes any free port)\n`);
  }, 120_000);

  it("refuses a --port that is not a port number without a stack", async () => {
    const { code, stderr } = await registry("serve", "--dir", dir, "--port", "http");
    expect(code).toBe(1);
    expect(stderr).toBe(`error: --port must be a port number from 0 to 65535 (got "http"); 0 takes any free port\n`);
  }, 120_000);
});

describe("pnpm registry --help", () => {
  it.each(["--help", "-h", "help"])("%s prints the usage and exits 0", async (flag) => {
    const { code, stdout, stderr } = await registry(flag);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^Usage: pnpm registry <command>\n[\s\S]*serve {2}\[--dir registry\/dist\] \[--port 8787\]/);
  }, 120_000);
});
