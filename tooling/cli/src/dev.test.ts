import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./main.ts";

const ROOT = join(import.meta.dirname, "../../..");
let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

async function dev(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(["dev", ...args], { stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: ROOT });
  return { code, stderr };
}

describe("connectors dev", () => {
  it("says the port is taken and how to pick another", async () => {
    const { code, stderr } = await dev("--port", String(port));
    expect(code).toBe(1);
    expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(stderr).toContain(`--port ${port + 1}`);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses a port that is not a number", async () => {
    const { code, stderr } = await dev("--port", "http");
    expect(code).toBe(1);
    expect(stderr).toMatch(/--port must be a port number/);
  });
});
