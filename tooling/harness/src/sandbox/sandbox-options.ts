import type { EgressPolicy } from "../fetch/egress-policy.ts";
import type { HostResolver } from "../fetch/resolve-host.ts";

/** Limits and wiring of one sandboxed connector (`loadConnector(target, { mode: "sandbox", sandbox })`). */
export interface SandboxOptions {
  /**
   * Heap limit of the connector's isolate in MiB (default 384). Hitting it disposes the isolate and
   * disables the connector. isolated-vm also sizes the isolate's young generation from it (2 MiB at 128,
   * 4 at 256, 8 at 384, 16 from 512), and below 384 the GC takes a third to a half of the isolate's time
   * on the event paths; the memory is only used when allocated, so an idle isolate costs the same.
   */
  memoryLimitMb?: number;
  /** Time budget per hook call in ms (default: the connector's `timeoutMs`, else 30 000): the isolate is stopped when code running for the call exceeds it. */
  cpuTimeoutMs?: number;
  /** Egress policy for bridged `pg` connections when the harness does not hand one in (default: derived from plugin.json and config). */
  egress?: EgressPolicy;
  /** Resolves host names for bridged `pg` connections when the harness does not hand a resolver in (default: the system resolver). */
  resolveHost?: HostResolver;
  /** Most host operations (fetch, cache, ...) a connector may have in flight at once (default 1000). */
  maxPendingOps?: number;
  /**
   * Largest value that may leave the isolate (a hook's result, a thrown value, the arguments of a host
   * call), in bytes as JSON with shared references counted each time they appear (default 16 MiB).
   */
  maxValueBytes?: number;
  /** Largest response body a fetch (or posthog.api call) may read into the isolate, in bytes (default 32 MiB). */
  maxResponseBytes?: number;
  /**
   * Most `@posthog/plugin-contrib` buffers that may wait on their flush timeout at once, each a timer on
   * the host (default 1000). Past it, `buffer.add` throws inside the isolate and leaves the buffer as it was.
   */
  maxPendingTimers?: number;
}

/** 384 MiB: the smallest heap limit for which isolated-vm gives an isolate an 8 MiB young generation (see memoryLimitMb). */
export const DEFAULT_SANDBOX_MEMORY_MB = 384;
export const DEFAULT_SANDBOX_CPU_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_PENDING_OPS = 1000;
export const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_PENDING_TIMERS = 1000;
