import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PostgresStorage, RedisCache, createMmdbGeoIP, installConnector, isRemoteSource, type ConnectorOptions } from "@connectors/harness";
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

/**
 * A `run` target ready to load: remote sources (npm, GitHub/GitLab, archive URLs, .tgz) are installed
 * into a temporary directory first; slugs and directories are returned as they are.
 */
export async function prepareTarget(target: string, cwd: string): Promise<{ target: string; cleanup(): void }> {
  if (!isRemoteSource(target, cwd)) return { target, cleanup() {} };
  const into = mkdtempSync(join(tmpdir(), "connectors-run-"));
  try {
    const installed = await installConnector(target, { into, cwd });
    return { target: installed.dir, cleanup: () => rmSync(into, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(into, { recursive: true, force: true });
    throw error;
  }
}
