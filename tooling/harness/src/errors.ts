import { ConnectorsError } from "@connectors/plugin-api";
import { attachTrace, type ConnectorTrace, type SourceLocation, type TracedError } from "./trace/source-location.ts";

/**
 * Thrown when a connector's source cannot be found, bundled, or evaluated, or exports nothing runnable.
 * When its top-level code threw, `location` / `connectorStack` / `codeFrame` point at the connector's source.
 */
export class PluginLoadError extends ConnectorsError implements TracedError {
  location?: SourceLocation;
  connectorStack?: SourceLocation[];
  codeFrame?: string;

  constructor(message: string, options?: { cause?: unknown; trace?: ConnectorTrace | undefined }) {
    super("PLUGIN_LOAD", message, options);
    attachTrace(this, options?.trace);
  }
}

/** Thrown when a hook does not settle within its time limit. The host keeps running. */
export class HookTimeoutError extends ConnectorsError {
  readonly plugin: string;
  readonly hook: string;
  readonly timeoutMs: number;

  constructor(plugin: string, hook: string, timeoutMs: number) {
    super(
      "HOOK_TIMEOUT",
      `Connector "${plugin}" hook ${hook} did not finish within ${timeoutMs} ms. Fix: make every promise settle (give outgoing requests a timeout) or raise the limit (--timeout / timeoutMs).`,
    );
    this.plugin = plugin;
    this.hook = hook;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Thrown when a hook throws or rejects; `cause` holds what it threw. Not retried unless it is a
 * RetryError. `location` (`plugins/x/lib/y.ts:12:5`), `connectorStack` and `codeFrame` point at
 * the connector's source when the throw came from its code (source-mapped through the bundle).
 */
export class HookFailedError extends ConnectorsError implements TracedError {
  readonly plugin: string;
  readonly hook: string;
  location?: SourceLocation;
  connectorStack?: SourceLocation[];
  codeFrame?: string;

  constructor(plugin: string, hook: string, detail: string, options?: { cause?: unknown; trace?: ConnectorTrace | undefined }) {
    super("HOOK_FAILED", `Connector "${plugin}" hook ${hook} failed: ${detail}`, options);
    this.plugin = plugin;
    this.hook = hook;
    attachTrace(this, options?.trace);
  }
}

/** Thrown when a connector breaks a rule of the contract (changes team_id, undeclared metric, ...). */
export class IllegalOperationError extends ConnectorsError {
  constructor(message: string) {
    super("ILLEGAL_OPERATION", message);
  }
}

/** Thrown for every hook call after setupPlugin failed for good. */
export class PluginDisabledError extends ConnectorsError {
  constructor(plugin: string, reason: string) {
    super("PLUGIN_DISABLED", `Connector "${plugin}" is disabled: ${reason}. Fix the cause and load it again.`);
  }
}

/** Thrown when an event given to a hook is not an event object. */
export class InvalidEventError extends ConnectorsError {
  constructor(message: string) {
    super("INVALID_EVENT", message);
  }
}

/** Thrown by the harness fetch for a request no test response (or allowed passthrough) covers. */
export class UnexpectedRequestError extends ConnectorsError {
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string) {
    super(
      "UNEXPECTED_REQUEST",
      `Unexpected request ${method} ${url}: no response is declared for it and real network calls are off. Fix: declare one (fetch.on("${method}", "${url}", { status: 200, json: {...} }) in a test, --responses FILE on the CLI) or allow the network (--allow-network).`,
    );
    this.method = method;
    this.url = url;
  }
}

/** A response body larger than a sandboxed connector may read into its isolate (`sandbox.maxResponseBytes`). */
export class ResponseTooLargeError extends ConnectorsError {
  readonly host: string;
  readonly limit: number;

  constructor(plugin: string, host: string, limit: number) {
    super("RESPONSE_TOO_LARGE", `Connector "${plugin}": the response from ${host} is larger than ${limit} bytes, the most a sandboxed connector may read; it was cut off. Fix: ask the API for less (pages, fields), or raise the limit (sandbox.maxResponseBytes).`);
    this.host = host;
    this.limit = limit;
  }
}

/** Thrown when a connector calls a host outside its egress allow-list. */
export class EgressDeniedError extends ConnectorsError {
  readonly host: string;

  constructor(plugin: string, host: string, reason: string) {
    super("EGRESS_DENIED", `Connector "${plugin}" may not call ${host}: ${reason}`);
    this.host = host;
  }
}

/**
 * Thrown when a sandboxed connector hits a limit of its isolate: `cpu` (a hook call ran past its
 * time budget; the isolate was stopped and the next call works) or `memory` (the heap limit was
 * reached; the isolate was disposed and the connector is disabled). The host keeps running.
 */
const SANDBOX_LIMIT_TEXT: Record<SandboxLimit, (value: number) => string> = {
  cpu: (value) => `exceeded the sandbox CPU time limit of ${value} ms and was stopped (the connector stays enabled). Fix: end every loop and promise chain sooner, or raise the limit (sandbox.cpuTimeoutMs / --timeout).`,
  memory: (value) => `exceeded the sandbox memory limit of ${value} MiB; its isolate was disposed and the connector is disabled. Fix: keep less data in memory (batch, stream, clear meta.global caches), or raise the limit (sandbox.memoryLimitMb).`,
  value: (value) => `returned a value that cannot leave the sandbox: larger than ${value} bytes as JSON (a shared object counts each time it appears), nested over 1000 levels, or circular (the connector stays enabled). Fix: return plain, smaller data, or raise the limit (sandbox.maxValueBytes).`,
};

/** Which sandbox limit stopped a hook: its CPU time, its heap, or the size of the value it returned. */
export type SandboxLimit = "cpu" | "memory" | "value";

export class SandboxLimitError extends HookFailedError {
  readonly limit: SandboxLimit;
  /** The limit's value: ms for `cpu`, MiB for `memory`, bytes for `value`. */
  readonly value: number;

  constructor(plugin: string, hook: string, limit: SandboxLimit, value: number, detail?: string) {
    super(plugin, hook, detail ? `${SANDBOX_LIMIT_TEXT[limit](value)} (${detail})` : SANDBOX_LIMIT_TEXT[limit](value));
    (this as { code: string }).code = "SANDBOX_LIMIT";
    this.limit = limit;
    this.value = value;
  }
}

/**
 * Background work (a createBuffer flush, a job) refused, or stopped part-way, because the connector's
 * background CPU budget for the rolling window is spent. Hooks keep working; background work resumes as the window rolls.
 */
export class BackgroundBudgetError extends ConnectorsError {
  readonly plugin: string;
  readonly work: string;
  /** True when the work was stopped part-way, false when it was refused before it started. */
  readonly stopped: boolean;

  constructor(plugin: string, work: string, budget: { cpuMs: number; windowMs: number }, stopped = false) {
    super(
      "BACKGROUND_BUDGET",
      `Connector "${plugin}": ${work} was ${stopped ? "stopped" : "refused"}: the background CPU budget of ${budget.cpuMs} ms per ${budget.windowMs} ms is spent (hooks keep running). Fix: do less work in buffer flushes and jobs (stop a flush or job from re-arming itself), or raise bufferLimits.backgroundCpuMs (CONNECTORS_BACKGROUND_CPU_MS).`,
    );
    this.plugin = plugin;
    this.work = work;
    this.stopped = stopped;
  }
}

/**
 * The sandbox process of an out-of-process pool ended while work was in flight (a hard V8 out-of-memory
 * aborts it, a kill ends it). The pool's process keeps running; the next call starts a new sandbox process.
 */
export class SandboxProcessError extends ConnectorsError {
  readonly plugin: string;
  /** How the process ended: `signal SIGABRT`, `exit code 1`. */
  readonly ending: string;

  constructor(plugin: string, ending: string, outOfMemory: boolean) {
    super(
      "SANDBOX_PROCESS",
      `Connector "${plugin}": its sandbox process died (${ending}${outOfMemory ? ", V8 reported it out of memory" : ""}); the work in flight is lost. The pool starts a new process for the next call (setupPlugin runs again; isolate state is lost). Fix: find what exhausts the sandbox's memory (a hook that grows a Map or an array without bound) or lower its load per call.`,
    );
    this.plugin = plugin;
    this.ending = ending;
  }
}
