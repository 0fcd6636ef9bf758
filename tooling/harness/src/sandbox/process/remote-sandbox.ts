import type { PluginEvent, PluginMeta } from "@connectors/plugin-api";
import { PluginDisabledError } from "../../errors.ts";
import { sharedGeoIPDatabase } from "../../geoip/shared-database.ts";
import type { ConnectorGlobals } from "../../load/evaluate-bundle.ts";
import type { ConnectorSource } from "../../load/resolve-source.ts";
import { isMeta, type EventMessageOutcome, type SandboxExports } from "../connector-sandbox.ts";
import { LocalHostBridge } from "../host-bridge.ts";
import type { SandboxHandle } from "../sandbox-handle.ts";
import type { SandboxOptions } from "../sandbox-options.ts";
import type { CreateInstance, FromChild, MetaSnapshot, PoolRequest } from "./protocol.ts";
import type { InstanceHost, SandboxProcess } from "./sandbox-process.ts";

let nextSnapshot = 1;

/**
 * One connector instance whose isolate lives in a {@link SandboxProcess}. Hooks and batches are sent
 * there; the host operations its code makes come back and run here, against the instance's own globals
 * and meta ({@link LocalHostBridge}), so egress, records, redaction and caps are the in-process ones.
 * After the process died, the next call creates the instance again in the new process and, as PostHog's
 * plugin server did after a restart, runs setupPlugin again (the isolate's `global` starts empty).
 */
export class RemoteSandbox implements SandboxHandle, InstanceHost {
  readonly slug: string;
  readonly remote = true;
  readonly #process: SandboxProcess;
  readonly #instance: number;
  readonly #create: CreateInstance;
  readonly #source: ConnectorSource;
  readonly #options: SandboxOptions;
  #exports: SandboxExports | undefined;
  #globals: ConnectorGlobals | undefined;
  #bridge: LocalHostBridge | undefined;
  #generation = 0;
  #recreating: Promise<void> | undefined;
  #snapshot: { meta: PluginMeta; snapshot: MetaSnapshot } | undefined;
  #setupMeta: PluginMeta | undefined;
  #disposed: string | undefined;

  constructor(process: SandboxProcess, instance: number, source: ConnectorSource, create: CreateInstance, options: SandboxOptions) {
    this.slug = source.slug;
    this.#process = process;
    this.#instance = instance;
    this.#source = source;
    this.#create = create;
    this.#options = options;
  }

  /** Creates the instance in the sandbox process (its top-level code runs there) and answers its exports. */
  async start(): Promise<SandboxExports> {
    await this.#createThere();
    return this.#exports!;
  }

  /** The instance's globals, made by its Connector: from now on its host operations run against them. */
  bind(globals: ConnectorGlobals): void {
    this.#globals = globals;
    this.#bridge = new LocalHostBridge(this.#source, globals, this.#options);
    this.#process.register(this.#instance, this);
  }

  call(hook: string, path: string[], args: unknown[]): Promise<unknown> {
    const last = args[args.length - 1];
    const meta = isMeta(last) ? last : undefined;
    if (hook === "setupPlugin" && meta) this.#setupMeta = meta;
    return this.#request(meta, (snapshot) => ({ kind: "call", instance: this.#instance, hook, path, args: meta ? args.slice(0, -1) : args, ...(snapshot ? { meta: snapshot } : {}) }));
  }

  processEventBatch(events: PluginEvent[], meta: PluginMeta): Promise<Array<PluginEvent | null>> {
    return this.#request(meta, (snapshot) => ({ kind: "batch", instance: this.#instance, items: events, meta: snapshot! })) as Promise<Array<PluginEvent | null>>;
  }

  processEventMessages(messages: string[], meta: PluginMeta): Promise<EventMessageOutcome[]> {
    return this.#request(meta, (snapshot) => ({ kind: "messages", instance: this.#instance, items: messages, meta: snapshot! })) as Promise<EventMessageOutcome[]>;
  }

  async flushBuffers(meta: PluginMeta): Promise<void> {
    // Nothing to flush in a process that died: its buffers went with it.
    if (this.#disposed || this.#generation !== this.#process.generation || this.#process.pid === undefined) return;
    await this.#request(meta, (snapshot) => ({ kind: "flush", instance: this.#instance, meta: snapshot! }));
  }

  /** Heap and CPU of the isolate, and its host crossings, as the sandbox process reports them. */
  async stats(): Promise<{ usedHeapBytes: number; heapLimitBytes: number; cpuTimeMs: number; hostCrossings: number }> {
    await this.#ensure();
    return (await this.#process.request({ kind: "stats", instance: this.#instance })) as Awaited<ReturnType<RemoteSandbox["stats"]>>;
  }

  dispose(reason = "its sandbox was disposed"): void {
    if (this.#disposed) return;
    this.#disposed = reason;
    this.#bridge?.close();
    if (this.#process.pid !== undefined) this.#process.request({ kind: "dispose", instance: this.#instance }).catch(() => undefined);
  }

  runOp(op: string, args: unknown[]): Promise<unknown> {
    return this.#bridge!.run(op, args);
  }

  report(message: Extract<FromChild, { t: "log" | "metric" | "background" }>): void {
    try {
      if (message.t === "log") this.#bridge!.log(message.target, message.level, message.message);
      else if (message.t === "metric") this.#bridge!.metric(message.name, message.method, message.value);
      else this.#globals?.background?.report(this.#globals.background.refuse(message.work, message.stopped));
    } catch {
      // Nothing a sandbox process sends may throw in this process's event loop. The child checked the
      // metric against the same declarations (a bad one threw in the isolate), so only a report for a
      // torn-down instance can land here; it is dropped.
    }
  }

  async #request(meta: PluginMeta | undefined, build: (snapshot: MetaSnapshot | undefined) => PoolRequest): Promise<unknown> {
    await this.#ensure();
    if (meta) this.#bridge?.useMeta(meta);
    const snapshot = meta ? await this.#snapshotOf(meta) : undefined;
    return this.#process.request(build(snapshot));
  }

  /** The instance exists in the running process (created again there after a death). */
  async #ensure(): Promise<void> {
    if (this.#disposed) throw new PluginDisabledError(this.slug, this.#disposed);
    await this.#process.ready();
    if (this.#generation === this.#process.generation) return;
    this.#recreating ??= this.#recreate().finally(() => (this.#recreating = undefined));
    await this.#recreating;
  }

  async #recreate(): Promise<void> {
    await this.#createThere();
    const setupMeta = this.#setupMeta;
    if (!setupMeta || this.#exports?.exports.setupPlugin?.kind !== "function") return;
    this.#bridge?.useMeta(setupMeta);
    await this.#process.request({ kind: "call", instance: this.#instance, hook: "setupPlugin", path: ["setupPlugin"], args: [], meta: await this.#snapshotOf(setupMeta) });
  }

  async #createThere(): Promise<void> {
    await this.#process.ready();
    const generation = this.#process.generation;
    this.#exports = (await this.#process.request({ kind: "create", instance: this.#instance, create: this.#create })) as SandboxExports;
    this.#generation = generation;
  }

  /** What the isolate needs of `meta`; a shared geoip database goes to the process once ({@link SandboxProcess.shareDatabase}). */
  async #snapshotOf(meta: PluginMeta): Promise<MetaSnapshot> {
    if (this.#snapshot?.meta !== meta) {
      const snapshot: MetaSnapshot = { id: nextSnapshot++, config: meta.config, attachments: meta.attachments ?? {} };
      this.#snapshot = { meta, snapshot };
    }
    const snapshot = this.#snapshot.snapshot;
    if (meta.geoip === undefined) return snapshot;
    const database = sharedGeoIPDatabase(meta.geoip);
    if (!database) return { ...snapshot, geoip: "host" };
    return { ...snapshot, geoip: await this.#process.shareDatabase(database) };
  }
}
