import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findClosedPort } from "../find-closed-port.ts";

/** How {@link spawnServer} starts a server process. */
export interface ServerCommand {
  command: string;
  args: (port: number) => string[];
  /** Its working directory (inside the service directory). */
  cwd: string;
  /** Run as this user (PostgreSQL when the tests run as root). */
  user?: { uid: number; gid: number };
  /** Resolves once the server on `port` answers. */
  ready: (port: number) => Promise<boolean>;
  /** Whether a start failure (given the log) was a port taken in the meantime, worth another port. */
  portTaken: (log: string) => boolean;
}

/** A server process {@link spawnServer} started. */
export interface SpawnedServer {
  pid: number;
  port: number;
}

/**
 * Starts a detached server on a free loopback port (outliving the process that started it, so other test
 * processes can share it), logging to `dir/server.log` and writing its pid to `dir/pid` at once. Waits until
 * it answers; retries on another port when the chosen one was taken meanwhile.
 *
 * @param dir - the service directory
 * @param server - what to run
 * @param readyWithinMs - how long start-up may take (generous: the machine may be busy)
 * @throws Error with the end of the server's log when it exits or does not answer in time
 */
export async function spawnServer(dir: string, server: ServerCommand, readyWithinMs = 120_000): Promise<SpawnedServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await findClosedPort();
    const outcome = await spawnOnce(dir, server, port, readyWithinMs);
    if (outcome.pid) return { pid: outcome.pid, port };
    if (attempt >= 3 || !server.portTaken(outcome.log)) throw new Error(`${server.command} did not start: ${outcome.reason}\n${tail(outcome.log)}`);
  }
}

async function spawnOnce(dir: string, server: ServerCommand, port: number, readyWithinMs: number): Promise<{ pid?: number; reason: string; log: string }> {
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "w");
  const child = spawn(server.command, server.args(port), { cwd: server.cwd, detached: true, stdio: ["ignore", log, log], ...server.user });
  closeSync(log);
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(`it exited (${signal ?? `code ${code}`})`));
    child.once("error", (error) => resolve(error.message));
  });
  if (child.pid) writeFileSync(join(dir, "pid"), String(child.pid));
  child.unref();
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));
  const deadline = Date.now() + readyWithinMs;
  while (exitReason === undefined && Date.now() < deadline) {
    if (await server.ready(port)) return { pid: child.pid!, reason: "", log: "" };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (exitReason === undefined) child.kill("SIGKILL");
  return { reason: exitReason ?? `no answer on port ${port} within ${readyWithinMs / 1000} s`, log: readFileSync(logFile, "utf8") };
}

function tail(log: string): string {
  return log.trim().split("\n").slice(-15).join("\n");
}
