import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { PluginDisabledError, SandboxProcessError } from "../../errors.ts";
import { CoalescedSender, unpackCoalesced, type Coalesced } from "./coalesced-sender.ts";
import type { FromChild, PoolRequest, ToChild } from "./protocol.ts";
import { WireErrors } from "./wire-error.ts";

/** What the pool's process does for one instance living in the sandbox process. */
export interface InstanceHost {
  runOp(op: string, args: unknown[]): Promise<unknown>;
  report(message: Extract<FromChild, { t: "log" | "metric" | "background" }>): void;
}

/** When a sandbox process that keeps dying is given up. */
export interface RestartPolicy {
  /** Deaths within `windowMs` after which no new process is started (default 3). */
  maxRestarts?: number;
  /** The window deaths are counted in, in ms (default 60 000). */
  windowMs?: number;
}

const CHILD_ENTRY = fileURLToPath(new URL("./sandbox-child.ts", import.meta.url));
/** The sandbox process runs the harness's TypeScript through tsx's loader, as the CLI does. */
const TSX_LOADER = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "loader.mjs")).href;
/** Longest wait before a new process after repeated deaths. */
const MAX_BACKOFF_MS = 2_000;
/** What V8 prints when it aborts for lack of heap ("Fatal JavaScript out of memory", or a heap report with is_heap_oom = 1). */
const V8_OUT_OF_MEMORY = /out of memory|is_heap_oom = 1/i;
/** How much of the process's stderr is kept to tell an out-of-memory abort from other deaths. */
const STDERR_TAIL_BYTES = 4_096;

type Pending = { resolve(value: unknown): void; reject(error: unknown): void };

/**
 * The child process that holds a pool's isolates. Requests go to it over IPC; host operations come back
 * from it and are run by the {@link InstanceHost} of their instance. When it dies, every request in flight
 * fails with {@link SandboxProcessError}, and {@link ready} starts a new one (after a backoff) unless it
 * died `maxRestarts` times within `windowMs`: then the pool is given up and calls fail with
 * PluginDisabledError.
 */
export class SandboxProcess {
  readonly slug: string;
  readonly wire = new WireErrors();
  /** Counts the processes started: an instance created in an earlier generation must be created again. */
  generation = 0;
  /**
   * IPC messages between the host and the process so far, both ways (requests, replies, host operations
   * and their answers, logs). A count, not a time, so the bench can budget it exactly.
   */
  messages = 0;
  readonly #policy: Required<RestartPolicy>;
  readonly #hosts = new Map<number, InstanceHost>();
  readonly #waiting = new Map<number, FromChild[]>();
  readonly #pending = new Map<number, Pending>();
  readonly #deaths: number[] = [];
  /** GeoIP databases this generation's process holds, by the id it knows them as (sent once, whoever asks). */
  #databases = new Map<SharedArrayBuffer, Promise<number>>();
  #nextDatabase = 1;
  #child: ChildProcess | undefined;
  /** Writes to the running process, a turn's messages at a time. */
  #sender: CoalescedSender<ToChild> | undefined;
  #starting: Promise<void> | undefined;
  #gaveUp: string | undefined;
  #closed = false;
  #nextRequest = 1;

  constructor(slug: string, policy: RestartPolicy = {}) {
    this.slug = slug;
    this.#policy = { maxRestarts: policy.maxRestarts ?? 3, windowMs: policy.windowMs ?? 60_000 };
  }

  /** The running process's id (undefined between a death and the next start). */
  get pid(): number | undefined {
    return this.#closed ? undefined : this.#child?.pid;
  }

  /** Starts the process if none runs (after a death: with backoff, or not at all once given up). */
  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(new PluginDisabledError(this.slug, "its sandbox pool was torn down"));
    if (this.#gaveUp) return Promise.reject(new PluginDisabledError(this.slug, this.#gaveUp));
    if (this.#child) return Promise.resolve();
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  /** Sends a request to the running process and answers its reply. */
  async request(request: PoolRequest): Promise<unknown> {
    await this.ready();
    const child = this.#child!;
    const id = this.#nextRequest++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) this.#hold(child);
      this.#send(child, { t: "request", id, request }, (error) => {
        this.#pending.delete(id);
        reject(error);
      });
    });
  }

  /**
   * The id the running process knows `database` by: sent to it once per process, however many
   * instances use it (each instance's isolate then shares the one copy there).
   */
  shareDatabase(database: SharedArrayBuffer): Promise<number> {
    let shared = this.#databases.get(database);
    if (!shared) {
      const id = this.#nextDatabase++;
      shared = this.request({ kind: "geoip", id, bytes: new Uint8Array(database) }).then(() => id);
      const databases = this.#databases;
      shared.catch(() => databases.delete(database));
      databases.set(database, shared);
    }
    return shared;
  }

  /** Runs the host side of `instance`: its operations and reports, including those sent before this call. */
  register(instance: number, host: InstanceHost): void {
    this.#hosts.set(instance, host);
    const waiting = this.#waiting.get(instance) ?? [];
    this.#waiting.delete(instance);
    for (const message of waiting) this.#dispatch(message);
  }

  /** Keeps this process alive while requests are in flight, and only then. */
  #hold(child: ChildProcess): void {
    const busy = this.#pending.size > 0;
    for (const handle of [child, child.channel, child.stderr] as Array<{ ref?(): void; unref?(): void } | null | undefined>) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  /** Ends the process; no new one is started. */
  close(): void {
    this.#closed = true;
    this.#child?.kill("SIGKILL");
  }

  async #start(): Promise<void> {
    const since = Date.now() - this.#policy.windowMs;
    const recent = this.#deaths.filter((at) => at > since).length;
    if (recent >= this.#policy.maxRestarts) {
      this.#gaveUp = `its sandbox process died ${recent} times within ${this.#policy.windowMs} ms; the pool stopped restarting it. Fix the connector (see the SandboxProcessError before this one) and create the pool again`;
      throw new PluginDisabledError(this.slug, this.#gaveUp);
    }
    if (recent > 0) await sleep(Math.min(MAX_BACKOFF_MS, 100 * 2 ** (recent - 1)));
    const child = fork(CHILD_ENTRY, [], {
      execArgv: ["--import", TSX_LOADER],
      // Nothing of this process's environment (tokens, signing keys) is handed to the process that runs untrusted code.
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES)));
    await new Promise<void>((resolve, reject) => {
      const early = (code: number | null, signal: NodeJS.Signals | null) => reject(new SandboxProcessError(this.slug, ending(code, signal), false));
      child.once("exit", early);
      child.once("error", reject);
      child.once("message", () => {
        child.off("exit", early);
        child.off("error", reject);
        resolve();
      });
    }).catch((error: unknown) => {
      this.#deaths.push(Date.now());
      throw error;
    });
    this.#child = child;
    this.generation++;
    this.#databases = new Map();
    // An idle pool does not keep this process alive; a request in flight does (see #hold).
    this.#hold(child);
    this.#sender = new CoalescedSender<ToChild>((message, done) => {
      if (!child.connected || child !== this.#child) return;
      this.messages++;
      // A write that fails because the process just died is reported here, not as an 'error' event; the 'close' handler fails what was in flight.
      child.send(message, (error) => done(error && child === this.#child && child.connected ? error : null));
    });
    child.on("message", (message: Coalesced<FromChild>) => {
      this.messages++;
      for (const one of unpackCoalesced(message)) this.#dispatch(one);
    });
    // Failures to reach the process (EPIPE as it dies) end in its 'exit'.
    child.on("error", () => undefined);
    // 'close', not 'exit': by then stderr is read to its end, so V8's out-of-memory report is in it.
    child.once("close", (code: number | null, signal: NodeJS.Signals | null) => this.#died(child, ending(code, signal), V8_OUT_OF_MEMORY.test(stderr)));
  }

  #died(child: ChildProcess, how: string, outOfMemory: boolean): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    if (!this.#closed) this.#deaths.push(Date.now());
    const error = this.#closed ? new PluginDisabledError(this.slug, "its sandbox pool was torn down") : new SandboxProcessError(this.slug, how, outOfMemory);
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) request.reject(error);
  }

  #dispatch(message: FromChild): void {
    if (message.t === "reply") {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (this.#pending.size === 0 && this.#child) this.#hold(this.#child);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(this.wire.fromWire(message.error));
      return;
    }
    if (!("instance" in message)) return;
    const host = this.#hosts.get(message.instance);
    if (!host) {
      const waiting = this.#waiting.get(message.instance);
      if (waiting) waiting.push(message);
      else this.#waiting.set(message.instance, [message]);
      return;
    }
    if (message.t === "op") this.#answerOp(host, message);
    else host.report(message);
  }

  #answerOp(host: InstanceHost, message: Extract<FromChild, { t: "op" }>): void {
    const child = this.#child;
    let started: Promise<unknown>;
    try {
      started = host.runOp(message.op, message.args);
    } catch (error) {
      started = Promise.reject(error);
    }
    const fail = (error: unknown) => this.#send(child, { t: "answer", id: message.id, ok: false, error: this.wire.toWire(error) });
    started.then((value) => this.#send(child, { t: "answer", id: message.id, ok: true, value }, fail), fail);
  }

  /** Sends to `child` if it still runs (with the other messages of this turn); a value that cannot be copied (a function) goes to `failed`. */
  #send(child: ChildProcess | undefined, message: ToChild, failed: (error: unknown) => void = () => undefined): void {
    if (!child?.connected || child !== this.#child) return;
    this.#sender!.send(message, failed);
  }
}

function ending(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? "unknown"}`;
}
