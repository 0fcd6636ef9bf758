import ivm from "isolated-vm";
import { KNOWN_EXPORTS, type LogLevel, type PluginEvent, type PluginMeta } from "@connectors/plugin-api";
import { BackgroundBudgetError, HookTimeoutError, PluginDisabledError, PluginLoadError, SandboxLimitError } from "../errors.ts";
import type { ConnectorGlobals } from "../load/evaluate-bundle.ts";
import { forbiddenImportMessage } from "../load/host-modules.ts";
import { SandboxSdkHost } from "../sdk/sandbox-sdk-host.ts";
import type { ConnectorSource } from "../load/resolve-source.ts";
import { LocalHostBridge, type MetricMethod, type SandboxHostBridge } from "./host-bridge.ts";
import { PURE_OPERATIONS } from "./host-operations.ts";
import type { SandboxHandle } from "./sandbox-handle.ts";
import { sharedGeoIPDatabase } from "../geoip/shared-database.ts";
import { compileCached } from "./compile-cached.ts";
import { pipelineChunks } from "./pipelined-chunks.ts";
import { ThrownRecords, type ThrownRecord } from "./thrown-records.ts";
import { lateHostCall, type DeadlineOwner } from "./late-host-call.ts";
import { limitHitRecord } from "./limit-hits.ts";
import { DEFAULT_MAX_PENDING_OPS, DEFAULT_MAX_PENDING_TIMERS, DEFAULT_MAX_VALUE_BYTES, DEFAULT_SANDBOX_CPU_TIMEOUT_MS, DEFAULT_SANDBOX_MEMORY_MB, type SandboxOptions } from "./sandbox-options.ts";
import type { BackgroundBudget } from "../run/background-budget.ts";

/** What became of one message on the message path: the event's JSON, null (dropped), or why it was rejected. */
export type EventMessageOutcome = string | null | { error: string };

/** How one export looked inside the isolate. */
export type ExportDescriptor = { kind: "function" } | { kind: "value"; value: unknown } | { kind: "jobs"; jobs: Record<string, ExportDescriptor> };

/** The connector's exports as discovered inside the isolate. */
export interface SandboxExports {
  exports: Record<string, ExportDescriptor>;
  unknown: string[];
}

/** Whose time an isolate entry is charged to: a hook call (or a buffer timer) and its deadline. */
interface Owner extends DeadlineOwner {
  /** Set for work that outlives a hook: the CPU of its every entry is charged to this budget. */
  background?: BackgroundBudget;
  /** True when that budget, not the per-call limit, set the deadline: running out of time is the budget's stop. */
  cappedByBudget?: boolean;
}

interface CallRecord {
  owner: Owner;
  done: boolean;
  ok?: boolean;
  value?: unknown;
  wasAsync?: boolean;
  resolve?: (value: unknown) => void;
  reject?: (error: unknown) => void;
  timer?: NodeJS.Timeout;
}

type HostAnswer = { v?: unknown; e?: ThrownRecord };

const HIDDEN = ["process", "global", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"];
const PARAMS = ["module", "exports", "require", "fetch", "posthog", "console", "RetryError", "URL", "URLSearchParams", "Buffer", "__filename", "__dirname", ...HIDDEN];

/** What is left of an owner's budget, in whole ms (at least 1, so an isolate call always gets a limit). */
function remainingMs(owner: Owner): number {
  return Math.max(1, Math.ceil(owner.deadline - performance.now()));
}

function decodeChunk(text: unknown): Array<PluginEvent | null> {
  return JSON.parse(text as string) as Array<PluginEvent | null>;
}

function bareCollector(): string {
  return `return {${KNOWN_EXPORTS.map((name) => `${name}: typeof ${name} !== "undefined" ? ${name} : undefined`).join(", ")}};`;
}

/** True for a hook's `meta` argument (the last one), which the sandbox swaps for its bridged meta. */
export function isMeta(value: unknown): value is PluginMeta {
  return typeof value === "object" && value !== null && "config" in value && "cache" in value && "global" in value;
}

/** Why a buffer's add was refused: the cap on pending flush timers, and the fix. */
function tooManyTimers(cap: number): string {
  return `createBuffer: ${cap} buffers already wait on their flush timeout, the sandbox's cap (sandbox.maxPendingTimers); this add was not kept. Fix: create buffers once at the top level and reuse them rather than one per event, or flush() them`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && /Script execution timed out/.test(error.message);
}

/**
 * One connector running in its own V8 isolate (isolated-vm): the bundle is evaluated there with
 * in-isolate shims for PostHog's globals and allowed modules; every capability goes through a
 * bridge of copies to the host (`globals` and the `meta` handed to each hook). Every entry into the
 * isolate runs under the calling hook's time budget, so runaway loops, also inside promise chains and
 * after awaits, are stopped; the heap limit disposes the isolate and disables the connector.
 */
export class ConnectorSandbox implements SandboxHandle {
  readonly slug: string;
  readonly remote = false;
  readonly memoryLimitMb: number;
  readonly cpuTimeoutMs: number;
  /** Largest value (bytes as JSON, shared references expanded) that may leave the isolate. */
  readonly maxValueBytes: number;
  readonly #source: ConnectorSource;
  readonly #globals: ConnectorGlobals;
  readonly #options: SandboxOptions;
  readonly #isolate: ivm.Isolate;
  readonly #context: ivm.Context;
  readonly #entry: Record<"evaluate" | "initMeta" | "invoke" | "processEventBatch" | "processEventMessages" | "settle" | "fireTimer", ivm.Reference<(...args: any[]) => unknown>>;
  readonly #calls = new Map<number, CallRecord>();
  readonly #thrown = new ThrownRecords();
  readonly #timers = new Map<number, { flush(): Promise<void> }>();
  readonly #bridge: SandboxHostBridge;
  #nextCall = 1;
  #nextTimer = 1;
  #pendingOps = 0;
  #owner: Owner | undefined;
  /** Owners of batch chunks running asynchronously in the isolate (oldest first), with their chunk counts. */
  readonly #asyncOwners = new Map<Owner, number>();
  /** Host operation outcomes waiting to go into the isolate, per owning call. */
  readonly #settling = new Map<Owner, Array<[opId: number, ok: boolean, value: unknown]>>();
  #meta: PluginMeta | undefined;
  #sdk: SandboxSdkHost | undefined;
  #disabled: string | undefined;
  /** The connector exports processEventBatch and no processEvent: a batch reaches it whole, never chunked. */
  #batchOnly = false;
  /**
   * Host operation crossings so far: each call from the isolate into a host operation, and each entry
   * that settles host operations back into it. A count, not a time, so tests can budget it exactly.
   */
  hostCrossings = 0;
  /** Limits hit by background work (after the owning call had settled), for reports: the last 100 and a dropped count. */
  readonly limitHits = limitHitRecord();

  private constructor(source: ConnectorSource, prelude: string, globals: ConnectorGlobals, options: SandboxOptions, bridge: SandboxHostBridge) {
    this.slug = source.slug;
    this.#source = source;
    this.#globals = globals;
    this.#options = options;
    this.memoryLimitMb = options.memoryLimitMb ?? DEFAULT_SANDBOX_MEMORY_MB;
    this.cpuTimeoutMs = options.cpuTimeoutMs ?? globals.timeoutMs ?? DEFAULT_SANDBOX_CPU_TIMEOUT_MS;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    this.#bridge = bridge;
    this.#isolate = new ivm.Isolate({ memoryLimit: this.memoryLimitMb });
    this.#context = this.#isolate.createContextSync();
    const global = this.#context.global;
    global.setSync(
      "__connectorsHost",
      new ivm.ExternalCopy({ knownExports: KNOWN_EXPORTS, forbiddenMessage: forbiddenImportMessage("%s"), maxValueBytes: this.maxValueBytes }).copyInto(),
    );
    const host = global.getSync("__connectorsHost", { reference: true }) as ivm.Reference<Record<string, unknown>>;
    host.setSync("sync", new ivm.Callback((op: string, args: unknown[]) => (this.hostCrossings++, this.#hostSync(op, args))));
    host.setSync("asyncBatch", new ivm.Callback((requests: Array<[string, unknown[], number]>) => (this.hostCrossings++, this.#hostAsyncBatch(requests))));
    host.setSync("done", new ivm.Callback((id: number, ok: boolean, value: unknown, wasAsync: boolean) => this.#done(id, ok, value, wasAsync)));
    host.release();
    compileCached(this.#isolate, prelude, "connectors-sandbox-prelude.js").runSync(this.#context, { timeout: 5000 });
    const entry = global.getSync("__connectorsEntry", { reference: true }) as ivm.Reference<Record<string, unknown>>;
    const get = (name: string) => entry.getSync(name, { reference: true }) as ivm.Reference<(...args: any[]) => unknown>;
    this.#entry = {
      evaluate: get("evaluate"),
      initMeta: get("initMeta"),
      invoke: get("invoke"),
      processEventBatch: get("processEventBatch"),
      processEventMessages: get("processEventMessages"),
      settle: get("settle"),
      fireTimer: get("fireTimer"),
    };
    global.deleteSync("__connectorsEntry");
  }

  /**
   * Creates the isolate, runs the prelude and evaluates the connector's bundle in it.
   *
   * @throws PluginLoadError when the top-level code throws or runs past the time limit
   */
  static create(
    source: ConnectorSource,
    code: string,
    prelude: string,
    globals: ConnectorGlobals,
    options: SandboxOptions = {},
    bridge: SandboxHostBridge = new LocalHostBridge(source, globals, options),
  ): { sandbox: ConnectorSandbox; exports: SandboxExports } {
    const sandbox = new ConnectorSandbox(source, prelude, globals, options, bridge);
    try {
      return { sandbox, exports: sandbox.#evaluate(code) };
    } catch (error) {
      sandbox.dispose();
      throw error;
    }
  }

  #evaluate(code: string): SandboxExports {
    const filename = this.#source.entryFile;
    const wrapper = `globalThis.__connectorsModule = (function (${PARAMS.join(", ")}) {\n${code}\n;${bareCollector()}\n});`;
    const owner = this.#newOwner("(module top level)");
    let result: { ok: boolean; exports?: Record<string, ExportDescriptor>; unknown?: string[]; error?: ThrownRecord };
    try {
      result = this.#enter(owner, (timeout) => {
        let script: ivm.Script;
        try {
          script = compileCached(this.#isolate, wrapper, filename);
        } catch (error) {
          throw new PluginLoadError(`Cannot load ${filename}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        script.runSync(this.#context, { timeout });
        script.release();
        return JSON.parse(this.#entry.evaluate.applySync(undefined, [filename], { arguments: { copy: true }, result: { copy: true }, timeout }) as string) as typeof result;
      });
    } catch (error) {
      if (error instanceof PluginLoadError) throw error;
      throw new PluginLoadError(`Cannot load ${filename}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!result.ok) {
      const thrown = this.#thrown.toHostError(result.error!);
      if (thrown instanceof Error && thrown.name === "PluginLoadError") throw new PluginLoadError(thrown.message);
      throw new PluginLoadError(`Cannot load ${filename}: its top-level code threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`, { cause: thrown });
    }
    this.#batchOnly = result.exports!.processEventBatch?.kind === "function" && result.exports!.processEvent?.kind !== "function";
    return { exports: result.exports!, unknown: result.unknown! };
  }

  /** True once the isolate is gone (memory limit or {@link dispose}). */
  get disposed(): boolean {
    return this.#disabled !== undefined;
  }

  /** Heap statistics of the isolate and the CPU time it used so far (ms). */
  stats(): { usedHeapBytes: number; heapLimitBytes: number; cpuTimeMs: number } {
    if (this.#disabled) return { usedHeapBytes: 0, heapLimitBytes: 0, cpuTimeMs: 0 };
    const heap = this.#isolate.getHeapStatisticsSync();
    return { usedHeapBytes: heap.used_heap_size + heap.externally_allocated_size, heapLimitBytes: heap.heap_size_limit, cpuTimeMs: Number(this.#isolate.cpuTime) / 1e6 };
  }

  /**
   * Calls a hook inside the isolate. `path` is `[hook]` or `["jobs", name]`; when the last argument is
   * the host meta, the hook gets the isolate's bridged meta in its place. A synchronous hook's result
   * comes back synchronously; an async hook's as a promise.
   */
  call(hook: string, path: string[], args: unknown[]): unknown {
    const last = args[args.length - 1];
    const withMeta = isMeta(last);
    if (withMeta) this.#useMeta(last);
    const data = withMeta ? args.slice(0, -1) : args;
    // A job is background work: charged to the background budget, and given at most what it has left.
    const background = path[0] === "jobs" ? this.#globals.background : undefined;
    return this.#run(hook, (id, timeout) => this.#entry.invoke.applySync(undefined, [id, path, data, withMeta], { arguments: { copy: true }, timeout }), background);
  }

  /**
   * processEvent over many events: the throughput path. Events cross as JSON in chunks that are
   * pipelined, so the isolate (on isolated-vm's own thread) works on one chunk while the host encodes
   * the next and decodes the previous. Dropped events come back as null; the first error fails the
   * whole batch (later chunks may have run already). The batch shares one time budget. A
   * processEventBatch-only connector gets the batch whole. Unlike {@link Connector.processEvent} it does
   * not check `team_id`.
   */
  async processEventBatch(events: PluginEvent[], meta: PluginMeta): Promise<Array<PluginEvent | null>> {
    this.#useMeta(meta);
    const owner = this.#newOwner("processEvent");
    const runChunk = (chunk: PluginEvent[]) => this.#runChunk(owner, "processEventBatch", JSON.stringify(chunk)).then(decodeChunk);
    if (this.#batchOnly) return runChunk(events);
    return pipelineChunks(events, runChunk, () => (owner.expired = true));
  }

  /**
   * processEvent over JSON messages, the shape events have on an ingestion queue: the messages go into
   * the isolate as they are and come out as JSON again, so the host neither decodes nor encodes them.
   * One outcome per message: the changed event's JSON, null when dropped, or `{ error }` for a message
   * that is not a JSON event (or whose team_id the hook changed) — the other messages still go through.
   * Messages enter in pipelined chunks, as in {@link processEventBatch}; a hook that throws fails the
   * whole call (later chunks may have run already). A processEventBatch-only connector gets all the
   * messages' events in one call. The isolate works on its own thread; run several sandboxes
   * ({@link SandboxPool}) to use more cores.
   */
  async processEventMessages(messages: string[], meta: PluginMeta): Promise<EventMessageOutcome[]> {
    this.#useMeta(meta);
    const owner = this.#newOwner("processEvent");
    const runChunk = (chunk: string[]) => this.#runChunk(owner, "processEventMessages", chunk) as Promise<EventMessageOutcome[]>;
    if (this.#batchOnly) return runChunk(messages);
    return pipelineChunks(messages, runChunk, () => (owner.expired = true));
  }

  /** One chunk of a batch, entered asynchronously (the host thread stays free) under the batch's budget. */
  async #runChunk(owner: Owner, entry: "processEventBatch" | "processEventMessages", data: unknown): Promise<unknown> {
    this.#assertEnabled();
    if (owner.expired) throw new SandboxLimitError(this.slug, owner.hook, "cpu", this.cpuTimeoutMs);
    const id = this.#nextCall++;
    const record: CallRecord = { owner, done: false };
    this.#calls.set(id, record);
    this.#asyncOwners.set(owner, (this.#asyncOwners.get(owner) ?? 0) + 1);
    let direct: unknown;
    try {
      const timeout = remainingMs(owner);
      direct = await this.#entry[entry].apply(undefined, [id, data, Date.now() + (owner.deadline - performance.now())], { arguments: { copy: true }, result: { copy: true }, timeout });
    } catch (error) {
      this.#calls.delete(id);
      throw this.#translate(error, owner);
    } finally {
      const left = this.#asyncOwners.get(owner)! - 1;
      if (left > 0) this.#asyncOwners.set(owner, left);
      else this.#asyncOwners.delete(owner);
    }
    return this.#outcome(id, record, direct);
  }

  /**
   * Flushes every `@posthog/plugin-contrib` buffer that holds items now (each has a pending timer),
   * as the harness does for in-process connectors at teardown; `meta` is the instance's meta.
   */
  async flushBuffers(meta: PluginMeta): Promise<void> {
    if (this.#disabled || this.#timers.size === 0) return;
    this.#useMeta(meta);
    for (const [id, timer] of [...this.#timers]) {
      this.#timers.delete(id);
      void timer.flush();
      await this.#run("createBuffer flush", (callId, timeout) => this.#entry.fireTimer.applySync(undefined, [callId, id], { timeout }));
    }
  }

  /** Disposes the isolate; later calls throw PluginDisabledError. Idempotent. */
  dispose(reason = "its sandbox was disposed"): void {
    if (this.#disabled) return;
    this.#disabled = reason;
    for (const [id, call] of this.#calls) {
      this.#calls.delete(id);
      clearTimeout(call.timer);
      call.reject?.(new PluginDisabledError(this.slug, reason));
    }
    this.#timers.clear();
    this.#bridge.close();
    if (!this.#isolate.isDisposed) this.#isolate.dispose();
  }

  #useMeta(meta: PluginMeta): void {
    if (meta === this.#meta) return;
    this.#assertEnabled();
    this.#meta = meta;
    this.#bridge.useMeta(meta);
    const owner = this.#newOwner("meta");
    this.#enter(owner, (timeout) =>
      this.#entry.initMeta.applySync(undefined, [meta.config, meta.attachments ?? {}, { geoip: meta.geoip !== undefined, geoipDatabase: sharedGeoIPDatabase(meta.geoip) }], { arguments: { copy: true }, timeout }),
    );
  }

  /** A new owner for `hook`, with the full time budget from now (background work: at most what its budget has left). */
  #newOwner(hook: string, background?: BackgroundBudget): Owner {
    const left = background ? background.remainingMs() : Infinity;
    const budget = Math.min(this.cpuTimeoutMs, left);
    return { hook, deadline: performance.now() + budget, expired: false, ...(background ? { background, cappedByBudget: left < this.cpuTimeoutMs } : {}) };
  }

  /** The error for `owner` running out of time: the background budget's stop, or the per-call CPU limit. */
  #outOfTime(owner: Owner, limitError: () => Error): Error {
    if (!owner.cappedByBudget || !owner.background) return limitError();
    // One stop per owner, counted once: a late host call and the entry's timeout both report this same stop.
    return (owner.late ??= owner.background.refuse(owner.hook, true));
  }

  /** CPU milliseconds the isolate has used so far (what background work is charged from). */
  cpuTimeMs(): number {
    return this.#isolate.isDisposed ? 0 : Number(this.#isolate.cpuTime) / 1e6;
  }

  /** Whether work for `owner` may still enter the isolate (not disabled, budget not spent). */
  #mayEnter(owner: Owner): boolean {
    return !this.#disabled && !owner.expired && performance.now() <= owner.deadline;
  }

  #assertEnabled(): void {
    if (this.#disabled) throw new PluginDisabledError(this.slug, this.#disabled);
  }

  /** Enters the isolate on behalf of `owner`, translating a stopped or disposed isolate into SandboxLimitError. */
  #enter<T>(owner: Owner, run: (timeout: number) => T): T {
    this.#assertEnabled();
    const timeout = remainingMs(owner);
    const previous = this.#owner;
    this.#owner = owner;
    const cpuBefore = owner.background ? this.cpuTimeMs() : 0;
    try {
      return run(timeout);
    } catch (error) {
      throw this.#translate(error, owner);
    } finally {
      this.#owner = previous;
      owner.background?.charge(this.cpuTimeMs() - cpuBefore);
    }
  }

  #translate(error: unknown, owner: Owner): unknown {
    if (this.#isolate.isDisposed && !this.#disabled) {
      const limitError = new SandboxLimitError(this.slug, owner.hook, "memory", this.memoryLimitMb);
      this.dispose(`the sandbox ran out of memory in ${owner.hook} (limit ${this.memoryLimitMb} MiB)`);
      return limitError;
    }
    if (this.#disabled && error instanceof Error && /disposed/i.test(error.message)) return new PluginDisabledError(this.slug, this.#disabled);
    if (isTimeout(error)) return this.#outOfTime(owner, () => new SandboxLimitError(this.slug, owner.hook, "cpu", this.cpuTimeoutMs));
    return error;
  }

  /** Starts a call: enters the isolate, then returns the result it reported, or a promise of it. */
  #run(hook: string, enter: (id: number, timeout: number) => unknown, background?: BackgroundBudget): unknown {
    const id = this.#nextCall++;
    const record: CallRecord = { owner: this.#newOwner(hook, background), done: false };
    this.#calls.set(id, record);
    let direct: unknown;
    try {
      direct = this.#enter(record.owner, (timeout) => enter(id, timeout));
    } catch (error) {
      this.#calls.delete(id);
      throw error;
    }
    return this.#outcome(id, record, direct);
  }

  /** What a call entered with `id` came to: the entry's direct result (batch paths), its reported outcome, or a promise of it. */
  #outcome(id: number, record: CallRecord, direct: unknown): unknown {
    if (direct !== undefined) {
      this.#calls.delete(id);
      return direct;
    }
    if (record.done) {
      this.#calls.delete(id);
      if (!record.wasAsync) {
        if (record.ok) return record.value;
        throw record.value;
      }
      return record.ok ? Promise.resolve(record.value) : Promise.reject(record.value);
    }
    return new Promise((resolve, reject) => {
      record.resolve = resolve;
      record.reject = reject;
      record.timer = setTimeout(() => {
        record.owner.expired = true;
        this.#calls.delete(id);
        reject(this.#outOfTime(record.owner, () => new HookTimeoutError(this.slug, record.owner.hook, this.cpuTimeoutMs)));
      }, remainingMs(record.owner));
      record.timer.unref?.();
    });
  }

  /** The isolate reports a call's outcome (`done` callback). */
  #done(id: number, ok: boolean, value: unknown, wasAsync: boolean): void {
    const record = this.#calls.get(id);
    if (!record || record.done) return;
    record.done = true;
    record.ok = ok;
    record.value = ok ? value : record.owner.late ?? this.#hostErrorOf(record.owner.hook, value as ThrownRecord & { outgoing?: { reason: string } });
    record.wasAsync = wasAsync;
    if (record.resolve) {
      this.#calls.delete(id);
      clearTimeout(record.timer);
      if (ok) record.resolve(record.value);
      else record.reject!(record.value);
    }
  }

  /** What the isolate reported as thrown, as a host error; a value too large to leave it is a SandboxLimitError. */
  #hostErrorOf(hook: string, record: ThrownRecord & { outgoing?: { reason: string } }): unknown {
    if (!record.outgoing) return this.#thrown.toHostError(record);
    return new SandboxLimitError(this.slug, hook, "value", this.maxValueBytes, record.message);
  }

  #hostSync(op: string, args: unknown[]): HostAnswer {
    try {
      const late = this.#lateHostCall(this.#currentOwner());
      if (late) throw late;
      return { v: this.#runSync(op, args) };
    } catch (error) {
      return { e: this.#thrown.toRecord(error) };
    }
  }

  /** The error for a host call after its owner's deadline (see late-host-call.ts), or undefined. */
  #lateHostCall(owner: Owner | undefined): Error | undefined {
    return lateHostCall(owner, (late) => this.#outOfTime(late, () => new SandboxLimitError(this.slug, late.hook, "cpu", this.cpuTimeoutMs)));
  }

  /** The call the isolate works for now: the running entry's, else the oldest batch chunk's (chunks run off the host thread). */
  #currentOwner(): Owner | undefined {
    return this.#owner ?? this.#asyncOwners.keys().next().value;
  }

  #runSync(op: string, args: any[]): unknown {
    const pure = PURE_OPERATIONS[op];
    if (pure) return pure(args);
    switch (op) {
      case "log": {
        const [target, level, message] = args as ["console" | "logger", LogLevel, string];
        this.#bridge.log(target, level, message);
        return undefined;
      }
      case "metrics": {
        const [name, method, value] = args as [string, MetricMethod, number];
        this.#bridge.metric(name, method, value);
        return undefined;
      }
      case "deadline": // a batch chunk starting near its deadline asks; #hostSync refused it if late
        return undefined;
      case "timer.start":
        return this.#startTimer(args[0] as number);
      case "sdk.describe":
      case "sdk.new":
      case "sdk.call":
      case "sdk.invoke":
        return this.#sdkHost().run(op, args);
      case "timer.clear": {
        const timer = this.#timers.get(args[0] as number);
        this.#timers.delete(args[0] as number);
        void timer?.flush();
        return undefined;
      }
      default:
        throw new Error(`unknown sandbox operation ${op}`);
    }
  }

  /** The vendor SDKs' host side, created when the connector first requires one. */
  #sdkHost(): SandboxSdkHost {
    this.#sdk ??= new SandboxSdkHost(this.#globals.fetch);
    return this.#sdk;
  }

  /** Starts the operations the isolate queued in one turn; answers `[opId, error]` for those refused at once. */
  #hostAsyncBatch(requests: Array<[string, unknown[], number]>): Array<[number, unknown]> | undefined {
    let refused: Array<[number, unknown]> | undefined;
    for (const [op, args, opId] of requests) {
      const answer = this.#hostAsync(op, args, opId);
      if (answer?.e) (refused ??= []).push([opId, answer.e]);
    }
    return refused;
  }

  #hostAsync(op: string, args: unknown[], opId: number): HostAnswer | undefined {
    // Host operations of a batch chunk arrive while no entry runs on the host thread (see #runChunk).
    const owner = this.#currentOwner();
    if (!owner) return { e: { error: true, name: "Error", message: `${op} may only be called while a hook runs` } };
    const late = this.#lateHostCall(owner);
    if (late) return { e: this.#thrown.toRecord(late) };
    if (this.#pendingOps >= (this.#options.maxPendingOps ?? DEFAULT_MAX_PENDING_OPS)) {
      return { e: { error: true, name: "Error", message: `too many host operations in flight (${this.#pendingOps}); await them before starting more` } };
    }
    this.#pendingOps++;
    let started: Promise<unknown>;
    try {
      started = this.#runAsync(op, args);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => this.#settle(owner, opId, true, value),
      (error: unknown) => this.#settle(owner, opId, false, this.#thrown.toRecord(error)),
    );
    return undefined;
  }

  #runAsync(op: string, args: unknown[]): Promise<unknown> {
    return op === "sdk.await" ? this.#sdkHost().await(args[0] as number) : this.#bridge.run(op, args);
  }

  /**
   * Queues an operation's outcome for the isolate. Outcomes that arrive together (e.g. the lookups of a
   * whole batch) go in in one entry per owning call, after the current microtasks, under that call's
   * budget; they are dropped once the budget is spent.
   */
  #settle(owner: Owner, opId: number, ok: boolean, value: unknown): void {
    this.#pendingOps--;
    if (!this.#mayEnter(owner)) return;
    const queued = this.#settling.get(owner);
    if (queued) queued.push([opId, ok, value]);
    else this.#settling.set(owner, [[opId, ok, value]]);
    if (this.#settling.size === 1 && !queued) process.nextTick(() => this.#flushSettled());
  }

  #flushSettled(): void {
    const groups = [...this.#settling];
    this.#settling.clear();
    for (const [owner, outcomes] of groups) {
      if (!this.#mayEnter(owner)) continue;
      this.hostCrossings++;
      try {
        this.#enter(owner, (timeout) => this.#entry.settle.applySync(undefined, [outcomes], { arguments: { copy: true }, timeout }));
      } catch (error) {
        this.#failOwner(owner, error);
      }
    }
  }

  /** A limit was hit while the isolate worked for `owner` outside its first entry: fail its pending call. */
  #failOwner(owner: Owner, error: unknown): void {
    const pending = [...this.#calls.entries()].find(([, call]) => call.owner === owner && call.reject);
    if (pending) {
      const [id, call] = pending;
      this.#calls.delete(id);
      clearTimeout(call.timer);
      call.reject!(error);
    } else if (error instanceof SandboxLimitError) this.limitHits.push({ hook: owner.hook, limit: error.limit });
    owner.expired = true;
  }

  #startTimer(ms: number): number {
    const cap = this.#options.maxPendingTimers ?? DEFAULT_MAX_PENDING_TIMERS;
    if (this.#timers.size >= cap) throw new RangeError(tooManyTimers(cap));
    const id = this.#nextTimer++;
    const contrib = this.#globals.require("@posthog/plugin-contrib") as { createBuffer(options: object): { add(item: unknown): unknown; flush(): Promise<void> } };
    const timer = contrib.createBuffer({
      limit: Number.POSITIVE_INFINITY,
      timeoutSeconds: ms / 1000,
      onFlush: () => {
        queueMicrotask(() => this.#fireTimer(id));
      },
    });
    timer.add(0);
    this.#timers.set(id, timer);
    return id;
  }

  #fireTimer(id: number): void {
    if (!this.#timers.delete(id) || this.#disabled) return;
    const background = this.#globals.background;
    if (background && !background.admit("createBuffer flush")) return;
    // A buffer flush has no caller to report to; the connector logs its own failures. One the background
    // budget stopped part-way is reported through the budget (the harness logs it).
    const reportSpent = (error: unknown) => {
      if (error instanceof BackgroundBudgetError) background?.report(error);
    };
    try {
      const out = this.#run("createBuffer flush", (callId, timeout) => this.#entry.fireTimer.applySync(undefined, [callId, id], { timeout }), background);
      if (out instanceof Promise) out.catch(reportSpent);
    } catch (error) {
      reportSpent(error);
    }
  }
}
