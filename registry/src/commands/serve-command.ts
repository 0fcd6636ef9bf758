import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConnectorsError } from "@connectors/plugin-api";
import { createMirrorServer } from "../serve/create-mirror-server.ts";

/** Options of `pnpm registry serve`. */
export interface ServeCommandOptions {
  dir: string;
  /** A port number, or the `--port` text as typed (checked here). */
  port: number | string;
  host: string;
}

/**
 * `pnpm registry serve [--dir registry/dist] [--port 8787] [--host 127.0.0.1]`: serves a catalog
 * until interrupted. Resolves with the exit code once the server closes (Ctrl-C).
 *
 * @throws ConnectorsError when the directory holds no registry.json or --port is not a port number
 * @throws ServePortInUseError when something already listens on the port
 */
export async function runServeCommand(options: ServeCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  if (!existsSync(join(options.dir, "registry.json"))) {
    throw new ConnectorsError("REGISTRY_DIR_EMPTY", `${options.dir} holds no registry.json. Fix: run \`pnpm registry build\` first, or pass --dir with a built catalog.`);
  }
  const wanted = typeof options.port === "number" ? options.port : /^\d+$/.test(options.port) ? Number(options.port) : Number.NaN;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    throw new ConnectorsError("USAGE", `--port must be a port number from 0 to 65535 (got "${options.port}"); 0 takes any free port`);
  }
  const server = createMirrorServer({ dir: options.dir });
  await new Promise<void>((resolve, reject) =>
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new ServePortInUseError(wanted, options.host) : error)).listen(wanted, options.host, resolve),
  );
  const { port } = server.address() as AddressInfo;
  log(`serving ${options.dir} at http://${options.host}:${port}/registry.json (Ctrl-C to stop)`);
  const stop = () => server.close();
  process.once("SIGINT", stop).once("SIGTERM", stop);
  await new Promise<void>((resolve) => server.once("close", resolve));
  return 0;
}

/** Thrown by `registry serve` when its port is taken: names the port and the flag that changes it. */
export class ServePortInUseError extends ConnectorsError {
  constructor(port: number, host: string) {
    super("SERVE_PORT_IN_USE", `Port ${port} on ${host} is already in use (is another registry serve running?). Fix: stop the other process, or pick another port: pnpm registry serve --port ${port + 1} (--port 0 takes any free port)`);
  }
}
