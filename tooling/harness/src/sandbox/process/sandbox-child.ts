// The sandbox process of an out-of-process pool (forked by sandbox-process.ts). It holds the isolates and
// nothing else: every capability (fetch, posthog, cache, storage, jobs, pg, logs) is asked of the pool's
// process, which decides egress and keeps the records. If an isolate takes this process down, the pool's
// process stays up and starts a new one.
import type { PluginEvent, PluginMeta } from "@connectors/plugin-api";
import { systemClock } from "../../clock.ts";
import { shareGeoIPDatabase } from "../../geoip/shared-database.ts";
import type { ConnectorGlobals } from "../../load/evaluate-bundle.ts";
import { createBuffer, type BufferOptions } from "../../load/plugin-contrib.ts";
import type { ConnectorSource } from "../../load/resolve-source.ts";
import { BackgroundBudget } from "../../run/background-budget.ts";
import { assertSynchronousWebhook } from "../../run/synchronous-webhook.ts";
import { ConnectorSandbox } from "../connector-sandbox.ts";
import { ChildHostBridge } from "./child-host-bridge.ts";
import type { CreateInstance, FromChild, MetaSnapshot, PoolRequest, ToChild } from "./protocol.ts";
import { WireErrors } from "./wire-error.ts";
import { CoalescedSender, unpackCoalesced, type Coalesced } from "./coalesced-sender.ts";

interface Instance {
  sandbox: ConnectorSandbox;
  /** The stand-in meta of the latest snapshot the pool sent. */
  meta?: { snapshotId: number; value: PluginMeta };
}

const instances = new Map<number, Instance>();
const databases = new Map<number, SharedArrayBuffer>();
const wire = new WireErrors();
const pendingOps = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
let nextOp = 1;

const sender = new CoalescedSender<FromChild>((message, done) => process.send!(message, undefined, {}, done));

/** Sends to the pool's process with the other messages of this turn; `failed` hears when it cannot be copied or written. */
function send(message: FromChild, failed?: (error: unknown) => void): void {
  sender.send(message, failed);
}

/** Asks the pool's process to run a host operation for `instance`. */
function runOnPool(instance: number, op: string, args: unknown[]): Promise<unknown> {
  const id = nextOp++;
  return new Promise((resolve, reject) => {
    pendingOps.set(id, { resolve, reject });
    send({ t: "op", id, instance, op, args }, (error) => {
      pendingOps.delete(id);
      reject(error);
    });
  });
}

/** Host modules a sandbox asks for itself: only the buffer behind its timers, on this process's clock. */
function childRequire(specifier: string): unknown {
  if (specifier === "@posthog/plugin-contrib") return { createBuffer: (options: BufferOptions<unknown>) => createBuffer(options, systemClock) };
  throw new Error(`${specifier} is not available in a sandbox process`);
}

function unavailable(what: string): never {
  throw new Error(`${what} is answered by the pool's process`);
}

function globalsFor(instance: number, create: CreateInstance, bridge: ChildHostBridge): ConnectorGlobals {
  const background = create.background && new BackgroundBudget({ plugin: create.slug, ...create.background, clock: systemClock, onRefused: (error) => send({ t: "background", instance, work: error.work, stopped: error.stopped }) });
  return {
    require: childRequire,
    fetch: bridge.fetch,
    posthog: new Proxy({}, { get: () => unavailable("posthog") }) as ConnectorGlobals["posthog"],
    console: new Proxy({}, { get: () => unavailable("console") }) as ConnectorGlobals["console"],
    ...(create.timeoutMs !== undefined ? { timeoutMs: create.timeoutMs } : {}),
    ...(background ? { background } : {}),
  };
}

function createInstance(instance: number, create: CreateInstance): unknown {
  const bridge = new ChildHostBridge(instance, send, runOnPool);
  const source = { slug: create.slug, entryFile: create.entryFile } as ConnectorSource;
  const { sandbox, exports } = ConnectorSandbox.create(source, create.code, create.prelude, globalsFor(instance, create, bridge), create.options, bridge);
  bridge.declareMetrics(create.slug, exports);
  instances.get(instance)?.sandbox.dispose();
  instances.set(instance, { sandbox });
  return exports;
}

/** The stand-in meta of a snapshot: the same object for the same snapshot, so the isolate's meta is set up once. */
function metaOf(instance: Instance, snapshot: MetaSnapshot): PluginMeta {
  if (instance.meta?.snapshotId === snapshot.id) return instance.meta.value;
  const meta = { config: snapshot.config, attachments: snapshot.attachments, cache: {}, global: {} } as unknown as PluginMeta;
  if (snapshot.geoip !== undefined) {
    const geoip = {} as NonNullable<PluginMeta["geoip"]>;
    const database = typeof snapshot.geoip === "number" ? databases.get(snapshot.geoip) : undefined;
    if (database) shareGeoIPDatabase(geoip, database);
    (meta as { geoip?: unknown }).geoip = geoip;
  }
  instance.meta = { snapshotId: snapshot.id, value: meta };
  return meta;
}

function instanceOf(id: number): Instance {
  const instance = instances.get(id);
  if (!instance) throw new Error(`sandbox instance ${id} does not exist in this process`);
  return instance;
}

async function handle(request: PoolRequest): Promise<unknown> {
  switch (request.kind) {
    case "create":
      return createInstance(request.instance, request.create);
    case "geoip": {
      const shared = new SharedArrayBuffer(request.bytes.byteLength);
      new Uint8Array(shared).set(request.bytes);
      databases.set(request.id, shared);
      return undefined;
    }
    case "call": {
      const instance = instanceOf(request.instance);
      const args = request.meta ? [...request.args, metaOf(instance, request.meta)] : request.args;
      const out = instance.sandbox.call(request.hook, request.path, args);
      if (request.hook === "composeWebhook") assertSynchronousWebhook(out);
      return out;
    }
    case "batch": {
      const instance = instanceOf(request.instance);
      return instance.sandbox.processEventBatch(request.items as PluginEvent[], metaOf(instance, request.meta));
    }
    case "messages": {
      const instance = instanceOf(request.instance);
      return instance.sandbox.processEventMessages(request.items as string[], metaOf(instance, request.meta));
    }
    case "flush": {
      const instance = instanceOf(request.instance);
      return instance.sandbox.flushBuffers(metaOf(instance, request.meta));
    }
    case "stats": {
      const { sandbox } = instanceOf(request.instance);
      return { ...sandbox.stats(), hostCrossings: sandbox.hostCrossings };
    }
    case "dispose":
      instances.get(request.instance)?.sandbox.dispose();
      instances.delete(request.instance);
      return undefined;
  }
}

async function answer(id: number, request: PoolRequest): Promise<void> {
  const fail = (error: unknown) => send({ t: "reply", id, ok: false, error: wire.toWire(error) });
  try {
    send({ t: "reply", id, ok: true, value: await handle(request) }, fail);
  } catch (error) {
    fail(error);
  }
}

function receive(message: ToChild): void {
  if (message.t === "request") {
    void answer(message.id, message.request);
    return;
  }
  const pending = pendingOps.get(message.id);
  if (!pending) return;
  pendingOps.delete(message.id);
  if (message.ok) pending.resolve(message.value);
  else pending.reject(wire.fromWire(message.error));
}

process.on("message", (message: Coalesced<ToChild>) => {
  for (const one of unpackCoalesced(message)) receive(one);
});
// The pool's process went away: nothing is left to serve.
process.on("disconnect", () => process.exit(0));
send({ t: "ready" });
