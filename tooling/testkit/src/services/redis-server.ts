import { execFileSync } from "node:child_process";
import { connect } from "node:net";
import type { ServiceLauncher } from "./shared-service.ts";
import { ServiceUnavailableError } from "./service-unavailable-error.ts";
import { spawnServer } from "./spawn-server.ts";

/**
 * Starts `redis-server` from PATH (or `command`) on a free loopback port, without persistence, working in the
 * service directory.
 *
 * @param command - the redis-server binary (tests inject a missing one)
 */
export function redisServerLauncher(command = "redis-server"): ServiceLauncher {
  return {
    name: "redis",
    stopSignal: "SIGTERM",
    async start(dir) {
      const version = redisVersion(command);
      const { pid, port } = await spawnServer(dir, {
        command,
        args: (port) => ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "yes"],
        cwd: dir,
        ready: (port) => answersPing(port),
        portTaken: (log) => /Address already in use/i.test(log),
      });
      return { pid, url: `redis://127.0.0.1:${port}`, origin: `redis-server ${version}` };
    },
  };
}

function redisVersion(command: string): string {
  try {
    return /v=(\S+)/.exec(execFileSync(command, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }))?.[1] ?? "";
  } catch {
    throw new ServiceUnavailableError(`skipped: ${command} not on PATH and REDIS_TEST_URL unset; install redis-server or set REDIS_TEST_URL (e.g. REDIS_TEST_URL=redis://127.0.0.1:6379)`);
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString("latin1");
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}
