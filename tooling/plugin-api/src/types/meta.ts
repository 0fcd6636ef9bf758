import type { Properties } from "./event.ts";

/** Options of `cache.get` / `cache.set`. */
export interface CacheOptions {
  /** JSON-serialise the value (default true). */
  jsonSerialize?: boolean;
}

/** Redis-like cache, scoped per plugin and team. */
export interface CacheExtension {
  set(key: string, value: unknown, ttlSeconds?: number, options?: CacheOptions): Promise<void>;
  get(key: string, defaultValue: unknown, options?: CacheOptions): Promise<any>;
  incr(key: string): Promise<number>;
  expire(key: string, ttlSeconds: number): Promise<boolean>;
  lpush(key: string, elementOrArray: unknown[] | unknown): Promise<number>;
  lrange(key: string, startIndex: number, endIndex: number): Promise<string[]>;
  llen(key: string): Promise<number>;
  lpop(key: string, count: number): Promise<string[]>;
  lrem(key: string, count: number, elementKey: string): Promise<number>;
}

/** Persistent key/value storage, scoped per plugin config. */
export interface StorageExtension {
  set(key: string, value: unknown): Promise<void>;
  get(key: string, defaultValue: unknown): Promise<unknown>;
  del(key: string): Promise<void>;
}

/** Atomic counters kept in storage (`meta.utils.cursor`). */
export interface CursorUtils {
  init(key: string, initialValue?: number): Promise<void>;
  increment(key: string, incrementBy?: number): Promise<number>;
}

export interface UtilsExtension {
  cursor: CursorUtils;
}

/** A MaxMind GeoIP2 City record (the fields connectors read). */
export interface GeoIPCity {
  city?: { geonameId?: number; names: Record<string, string> };
  continent?: { code?: string; geonameId?: number; names: Record<string, string> };
  country?: { geonameId?: number; isoCode?: string; names: Record<string, string>; isInEuropeanUnion?: boolean };
  registeredCountry?: { geonameId?: number; isoCode?: string; names: Record<string, string> };
  location?: { accuracyRadius?: number; latitude?: number; longitude?: number; metroCode?: number; timeZone?: string };
  postal?: { code?: string };
  subdivisions?: Array<{ geonameId?: number; isoCode?: string; names: Record<string, string> }>;
  traits?: Record<string, unknown>;
}

export interface GeoIPExtension {
  locate(ip: string): Promise<GeoIPCity | null>;
}

/** Units accepted by `jobs.<name>(payload).runIn(duration, unit)`. Singular forms are accepted too. */
export type DurationUnit =
  | "milliseconds"
  | "seconds"
  | "minutes"
  | "hours"
  | "days"
  | "weeks"
  | "months"
  | "quarters"
  | "years";

/** What `meta.jobs.<name>(payload)` returns. */
export interface JobControls {
  runNow(): Promise<void>;
  runIn(duration: number, unit: DurationUnit | string): Promise<void>;
  runAt(date: Date): Promise<void>;
}

export type JobsExtension = Record<string, (payload?: any) => JobControls>;

export type MetricType = "sum" | "max" | "min";

export interface MetricControls {
  increment(value?: number): void;
  max(value: number): void;
  min(value: number): void;
}

export type MetricsExtension = Record<string, MetricControls>;

/** An uploaded file (plugin.json field of type `attachment`). */
export interface PluginAttachment {
  content_type: string;
  file_name: string;
  contents: Buffer | string;
}

/** Log levels the harness records, in the order of severity. */
export type LogLevel = "debug" | "info" | "log" | "warn" | "error";

/** The plugin's logger (`console` global, or `meta.logger`). */
export type Logger = Record<LogLevel, (...args: unknown[]) => void>;

/** The fetch connectors use: WHATWG fetch plus node-fetch v2's `timeout` option. */
export type PluginFetch = (input: string | URL, init?: RequestInit & { timeout?: number }) => Promise<Response>;

/** Options of `posthog.api.*` calls. */
export interface ApiMethodOptions {
  data?: Record<string, any>;
  host?: string;
  projectApiKey?: string;
  personalApiKey?: string;
}

/** The `posthog` global: capture events into the same project, call the PostHog REST API. */
export interface PostHogExtension {
  capture(event: string, properties?: Properties): Promise<void>;
  api: {
    get(path: string, options?: ApiMethodOptions): Promise<Response>;
    post(path: string, options?: ApiMethodOptions): Promise<Response>;
    put(path: string, options?: ApiMethodOptions): Promise<Response>;
    delete(path: string, options?: ApiMethodOptions): Promise<Response>;
  };
}

/**
 * The `meta` object passed as the last argument of every hook.
 *
 * `config`, `attachments`, `global`, `cache`, `storage`, `utils`, `geoip`, `jobs` and `metrics` are
 * PostHog's. `fetch`, `logger` and `posthog` are this harness's additions: the same objects legacy
 * connectors reach as globals, handed in explicitly so a connector can be imported and tested like any
 * module.
 */
export interface PluginMeta<Config = Record<string, any>, Global = Record<string, any>> {
  config: Config;
  attachments: Record<string, PluginAttachment | undefined>;
  global: Global;
  cache: CacheExtension;
  storage: StorageExtension;
  utils: UtilsExtension;
  geoip: GeoIPExtension;
  jobs: JobsExtension;
  metrics: MetricsExtension;
  fetch: PluginFetch;
  logger: Logger;
  posthog: PostHogExtension;
}
