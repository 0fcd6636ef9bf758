// The legacy test helpers of `@posthog/plugin-scaffold/test/utils` (v1.4.x API), so test suites written
// for PostHog's plugin server run unchanged: fixtures identical to the original's, a module-level meta
// that `resetMeta` replaces and `getMeta` returns (with everything the plugin server's meta had), and
// the get/set-only `createCache` of those days.
import { createTestMeta } from "@connectors/harness";
import type { PluginEvent } from "@connectors/plugin-api";

/** The toy cache of scaffold 1.4.x: `set(key, value)` and `get(key, default)`, no TTLs or lists. */
export interface LegacyCache {
  set(key: string, value: unknown, ttlSeconds?: number): void | Promise<void>;
  get(key: string, defaultValue?: unknown): Promise<unknown>;
}

/** The meta the legacy helpers hand out (a test may replace any field through `resetMeta`). */
export interface LegacyMeta {
  config: Record<string, any>;
  cache: LegacyCache & Record<string, any>;
  storage: LegacyCache & Record<string, any>;
  global: Record<string, any>;
  attachments: Record<string, any>;
  [key: string]: any;
}

/**
 * An ingestion event like scaffold's: distinct_id `007`, team 13, the 2020-11-26 timestamps, no
 * `uuid` and no `properties` unless `changes` adds them.
 */
export function createEvent(changes: Record<string, unknown> = {}): PluginEvent {
  return {
    distinct_id: "007",
    ip: "127.128.129.130",
    site_url: "http://localhost:8000/",
    team_id: 13,
    now: "2020-11-26T12:58:57.367Z",
    event: "EVENT_TYPE",
    sent_at: "2020-11-26T12:58:58.453Z",
    ...changes,
  } as PluginEvent;
}

/** A `$pageview` with the web library's properties, as in scaffold 1.4.x. */
export function createPageview(): PluginEvent {
  return createEvent({
    event: "$pageview",
    properties: {
      $os: "Mac OS X",
      $lib: "web",
      $host: "localhost:8000",
      $time: 1606383312.494,
      token: "mre13a_SMBv9EwHAtdtTyutyy6AfO00OTPwaalaHPGgKLS",
      $browser: "Chrome",
      $user_id: "3erf45reXthrGser675waeHFAsbv4AsadfR",
      $pathname: "/instance/status",
      $device_id: "17554768afe5cb-0fc915d2a583cf-166f6152-1ea000-175543686ffdc5",
      $insert_id: "hgu2p36uvlc1b9dg",
      distinct_id: "scbbAqF7uyrMmamV4QBzcA1rrm9wHNISdFweZz-mQ0",
      $current_url: "http://localhost:8000/instance/status",
      $lib_version: "1.7.0-beta.1",
      $screen_width: 1790,
      $screen_height: 1120,
      posthog_version: "1.17.0",
      $browser_version: 86,
      $initial_referrer: "$direct",
      has_slack_webhook: false,
      $active_feature_flags: ["navigation-1775", "session-recording-player"],
      $initial_referring_domain: "$direct",
    },
  });
}

/** An `$identify` with `$set` at the top level (as scaffold 1.4.x built it). */
export function createIdentify(): PluginEvent {
  return createEvent({
    event: "$identify",
    $set: {
      $os: "Mac OS X",
      email: "test@posthog.com",
      $browser: "Chrome",
      $browser_version: 86,
      $initial_referrer: "$direct",
      $initial_referring_domain: "$direct",
    },
  });
}

/** A deep copy through JSON (drops functions and undefined, as the original did). */
export function clone<T>(object: T): T {
  return JSON.parse(JSON.stringify(object)) as T;
}

/** A fresh in-memory cache: `set` stores the value as is, `get` resolves it or the default. */
export function createCache(): LegacyCache {
  const values: Record<string, unknown> = {};
  return {
    set(key, value) {
      values[key] = value;
    },
    async get(key, defaultValue) {
      return values[key] === undefined ? defaultValue : values[key];
    },
  };
}

let testMeta: LegacyMeta = freshMeta({});

/** The meta of the last {@link resetMeta} call (the same object until reset again). */
export function getMeta(): LegacyMeta {
  return testMeta;
}

/**
 * Replaces the shared test meta with a fresh one, overridden by `meta`, and returns it: `config`,
 * `attachments`, `global` as scaffold 1.4.4 gave them, plus what the plugin server's meta had —
 * `cache` with TTLs, `incr`, `expire` and the list calls, `storage` with `del`, `utils.cursor`,
 * `jobs`, `metrics` (`geoip` only when given, as in 1.4.4), and `logger` / `fetch` / `posthog` that follow the current `console`,
 * `globalThis.fetch` and `globalThis.posthog` (so `global.fetch = jest.fn()` still works).
 */
export function resetMeta(meta: Partial<LegacyMeta> = {}): LegacyMeta {
  testMeta = freshMeta(meta);
  return testMeta;
}

function freshMeta(meta: Partial<LegacyMeta>): LegacyMeta {
  return createTestMeta(meta as never) as unknown as LegacyMeta;
}
