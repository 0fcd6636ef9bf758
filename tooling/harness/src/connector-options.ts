import type { GeoIPExtension, PluginAttachment } from "@connectors/plugin-api";
import type { CacheBackend, StorageBackend } from "./backends/types.ts";
import type { Clock } from "./clock.ts";
import type { EgressPolicy } from "./fetch/egress-policy.ts";
import type { FetchInterceptor } from "./fetch/fetch-interceptor.ts";
import type { HostResolver } from "./fetch/resolve-host.ts";
import type { RequestObserver } from "./fetch/create-harness-fetch.ts";
import type { LogEntry } from "./logs.ts";
import type { PostHogApiSettings } from "./meta/posthog-extension.ts";
import type { BufferLimits } from "./records/buffer-limits.ts";

/** Options of {@link createConnector}. Every field is optional. */
export interface ConnectorOptions {
  /** The user's config; plugin.json defaults fill the gaps, then it is validated. */
  config?: Record<string, unknown>;
  /** Files for `attachment` fields. */
  attachments?: Record<string, PluginAttachment>;
  /** Project id (default 2); scopes the cache and `posthog.capture`. */
  teamId?: number;
  /** Plugin config id (default 1); scopes storage. */
  pluginConfigId?: number;
  /** Plugin id (default: the slug); scopes the cache. */
  pluginId?: string | number;
  /** Time source for buffers, jobs, schedules and TTLs (default: the wall clock). */
  clock?: Clock;
  cache?: CacheBackend;
  storage?: StorageBackend;
  /** GeoIP capability; `null` leaves `meta.geoip` out (a PostHog without GeoIP). */
  geoip?: GeoIPExtension | null;
  /** Declared HTTP responses. Requests nothing answers fail unless `network` allows them. */
  fetch?: FetchInterceptor;
  /** Let unanswered requests go to the real network (CLI `--allow-network`; never in tests). */
  network?: boolean;
  /** Let unanswered loopback requests go to the network (tests against a local server). */
  loopbackNetwork?: boolean;
  /** Egress mode (default: `declared` when plugin.json has allowedHosts, else `public`). */
  egress?: EgressPolicy["mode"];
  /** Allow loopback addresses through the egress check (tests with local servers). */
  allowLoopback?: boolean;
  /**
   * Resolves host names for connections that really go out (`network`, `loopbackNetwork`, sandboxed
   * `pg`); every address it returns is checked and the connection uses only those. Default: the
   * system resolver. Tests inject one to map names to loopback addresses without DNS.
   */
  resolveHost?: HostResolver;
  /** Time limit per hook call in ms (default 30 000). */
  timeoutMs?: number;
  /** Where `posthog.api` goes. */
  posthogApi?: PostHogApiSettings;
  /** Called for every request as it starts and when it ends, secrets redacted (the studio shows them live). */
  onRequest?: RequestObserver;
  /** Called for every log line as it happens (the CLI streams them). */
  onLog?: (entry: LogEntry) => void;
  /** Run due jobs after each hook call (default true). */
  autoRunJobs?: boolean;
  /**
   * Caps on what the harness keeps for this instance: records (logs, requests, captured events, errors),
   * the in-memory cache and storage, background CPU. Unset fields come from CONNECTORS_* environment
   * variables, then the defaults (see `resolveBufferLimits` and SECURITY.md "Limits").
   */
  bufferLimits?: Partial<BufferLimits>;
  /** Times setupPlugin is retried after a RetryError (default 0; PostHog retried 5 times from 5 s). */
  setupRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_TEAM_ID = 2;
