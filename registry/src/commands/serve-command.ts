import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConnectorsError } from "@connectors/plugin-api";
import { createMirrorServer } from "../serve/create-mirror-server.ts";

/** Options of `pnpm registry serve`. */
export interface ServeCommandOptions {
  dir: string;
  port: number;
  host: string;
}

/**
 * `pnpm registry serve [--dir registry/dist] [--port 8787] [--host 127.0.0.1]`: serves a catalog
 * until interrupted. Resolves with the exit code once the server closes (Ctrl-C).
 *
 * @throws ConnectorsError when the directory holds no registry.json
 */
export async function runServeCommand(options: ServeCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  if (!existsSync(join(options.dir, "registry.json"))) {
    throw new ConnectorsError("REGISTRY_DIR_EMPTY", `${options.dir} holds no registry.json. Fix: run \`pnpm registry build\` first, or pass --dir with a built catalog.`);
  }
  const server = createMirrorServer({ dir: options.dir });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  log(`serving ${options.dir} at http://${options.host}:${port}/registry.json (Ctrl-C to stop)`);
  const stop = () => server.close();
  process.once("SIGINT", stop).once("SIGTERM", stop);
  await new Promise<void>((resolve) => server.once("close", resolve));
  return 0;
}
