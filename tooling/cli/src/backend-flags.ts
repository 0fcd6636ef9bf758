import { resolve } from "node:path";
import { PostgresStorage, RedisCache, createMmdbGeoIP, type ConnectorOptions } from "@connectors/harness";
import { UsageError } from "./read-input.ts";

/** The `run` flags that pick real backends: `--cache redis://...`, `--storage postgres://...`, `--geoip FILE`. */
export const BACKEND_FLAGS = {
  cache: { type: "string" },
  storage: { type: "string" },
  geoip: { type: "string" },
} as const;

/** Backends opened for one run; `close()` ends their connections. */
export interface OpenedBackends {
  options: Pick<ConnectorOptions, "cache" | "storage" | "geoip">;
  close(): Promise<void>;
}

/**
 * Opens the backends the flags ask for (memory when a flag is absent).
 *
 * @throws UsageError for a URL scheme that is not redis:// / postgres://
 * @throws BackendError when a server cannot be reached
 */
export async function openBackends(values: Record<string, unknown>, cwd: string): Promise<OpenedBackends> {
  const options: OpenedBackends["options"] = {};
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const fn of closers) await fn().catch(() => {});
  };
  try {
    if (typeof values.cache === "string" && values.cache !== "memory") {
      if (!/^rediss?:\/\//.test(values.cache)) throw new UsageError(`--cache takes memory or a redis:// URL (got "${values.cache}")`);
      const cache = await RedisCache.connect(values.cache);
      closers.push(() => cache.close());
      options.cache = cache;
    }
    if (typeof values.storage === "string" && values.storage !== "memory") {
      if (!/^postgres(ql)?:\/\//.test(values.storage)) throw new UsageError(`--storage takes memory or a postgres:// URL (got "${values.storage}")`);
      const storage = await PostgresStorage.connect(values.storage);
      closers.push(() => storage.close());
      options.storage = storage;
    }
    if (typeof values.geoip === "string") options.geoip = createMmdbGeoIP(resolve(cwd, values.geoip));
  } catch (error) {
    await close();
    throw error;
  }
  return { options, close };
}
