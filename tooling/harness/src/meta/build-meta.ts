import type { GeoIPExtension, PluginAttachment, PluginMeta } from "@connectors/plugin-api";
import type { CacheBackend, StorageBackend } from "../backends/types.ts";
import { createCacheExtension } from "./cache-extension.ts";
import type { JobQueue } from "./job-queue.ts";
import type { MetricsRegistry } from "./metrics.ts";
import { createStorageExtension, createUtilsExtension } from "./storage-extension.ts";
import type { LogSink } from "../logs.ts";
import type { PluginFetch, PostHogExtension } from "@connectors/plugin-api";

/** Where a connector instance's meta is wired. */
export interface MetaParts {
  pluginId: string | number;
  teamId: number;
  pluginConfigId: number;
  config: Record<string, unknown>;
  attachments: Record<string, PluginAttachment | undefined>;
  cache: CacheBackend;
  storage: StorageBackend;
  geoip: GeoIPExtension;
  jobs: JobQueue;
  metrics: MetricsRegistry;
  fetch: PluginFetch;
  logs: LogSink;
  posthog: PostHogExtension;
}

/** Namespace of the cache: per plugin and team, as PostHog keyed Redis. */
export function cacheNamespace(pluginId: string | number, teamId: number): string {
  return `@plugin/${pluginId}/${teamId}/`;
}

/** Namespace of storage: per plugin config. */
export function storageNamespace(pluginConfigId: number): string {
  return `${pluginConfigId}/`;
}

/** Builds the `meta` object passed as the last argument of every hook. */
export function buildMeta(parts: MetaParts): PluginMeta {
  return {
    config: parts.config,
    attachments: parts.attachments,
    global: {},
    cache: createCacheExtension(parts.cache, cacheNamespace(parts.pluginId, parts.teamId)),
    storage: createStorageExtension(parts.storage, storageNamespace(parts.pluginConfigId)),
    utils: createUtilsExtension(parts.storage, storageNamespace(parts.pluginConfigId)),
    geoip: parts.geoip,
    jobs: parts.jobs.createExtension(),
    metrics: parts.metrics.createExtension(),
    fetch: parts.fetch,
    logger: parts.logs.createLogger(),
    posthog: parts.posthog,
  };
}

/** The default GeoIP capability: knows no address. Pass a MaxMind reader to locate IPs. */
export const NO_GEOIP: GeoIPExtension = { locate: async () => null };

/** The message a connector's log gets the first time it looks up an IP with no GeoIP database loaded. */
export const NO_GEOIP_DATABASE =
  "meta.geoip.locate: no GeoIP database is loaded, so every lookup returns null and nothing is added. Fix: pass --geoip FILE.mmdb (connectors run) or the `geoip` option (createConnector / createTestConnector)";

/** A GeoIP capability without a database that says so (once) through `warn` instead of staying silent. */
export function missingGeoIP(warn: (message: string) => void): GeoIPExtension {
  let warned = false;
  return {
    locate: async () => {
      if (!warned) warn(NO_GEOIP_DATABASE);
      warned = true;
      return null;
    },
  };
}
