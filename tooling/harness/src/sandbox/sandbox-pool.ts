import { availableParallelism } from "node:os";
import { ConnectorsError, type PluginEvent } from "@connectors/plugin-api";
import type { Connector } from "../connector.ts";
import type { ConnectorOptions } from "../connector-options.ts";
import { createConnector } from "../create-connector.ts";
import { loadConnector, type LoadedConnector } from "../load/load-connector.ts";
import type { EventMessageOutcome } from "./connector-sandbox.ts";
import { getSandboxHandle } from "./load-sandboxed.ts";
import { childInstances } from "./process/child-instances.ts";
import { SandboxProcess, type RestartPolicy } from "./process/sandbox-process.ts";
import type { SandboxHandle } from "./sandbox-handle.ts";
import type { SandboxOptions } from "./sandbox-options.ts";

/** Options of {@link SandboxPool.create}: the connector's options, plus how many isolates and their limits. */
export interface SandboxPoolOptions extends ConnectorOptions {
  /** Instances (isolates) in the pool; default: the machine's available parallelism. */
  size?: number;
  /** Limits of each isolate (memory per isolate, time per hook call). */
  sandbox?: SandboxOptions;
  /**
   * Where the isolates run. `"in-process"` (default): in this process. `"child"`: in one child process
   * per pool, so a hard V8 out-of-memory (which isolated-vm's memory limit does not always contain)
   * ends that process and not this one; calls in flight fail with SandboxProcessError and the next call
   * starts a new process (setupPlugin runs again). Host operations still run here.
   */
  process?: "in-process" | "child";
  /** Child mode: how many deaths in what window before the pool stops restarting its process (3 per 60 s). */
  restarts?: RestartPolicy;
}

interface Member {
  connector: Connector;
  sandbox: SandboxHandle;
}

/** Items per chunk: enough chunks for every member to take two, each between 50 and 1000 items. */
function chunkSize(items: number, members: number): number {
  return Math.min(1000, Math.max(50, Math.ceil(items / (members * 2))));
}

/**
 * Several sandboxed instances of one connector that share the work of a batch: each instance is its own
 * isolate, and isolated-vm runs each on its own thread, so a pool of N uses up to N cores. As in
 * PostHog's plugin server (one VM per plugin in every worker thread), every instance runs setupPlugin
 * and has its own `global`; storage and cache are shared through the host.
 *
 * @example
 * const pool = await SandboxPool.create("hello-world", { size: 2, config: { name: "Alice" } });
 * const out = await pool.processEventMessages(kafkaMessages); // JSON in, JSON out
 * await pool.teardown();
 */
export class SandboxPool {
  readonly #members: Member[];
  readonly #process: SandboxProcess | undefined;

  private constructor(members: Member[], process: SandboxProcess | undefined) {
    this.#members = members;
    this.#process = process;
  }

  /**
   * Loads the connector once (sandbox mode), creates `size` instances and runs their setupPlugin.
   *
   * @throws ConfigError / PluginLoadError as {@link createConnector} does
   */
  static async create(target: string | LoadedConnector, options: SandboxPoolOptions = {}): Promise<SandboxPool> {
    const { size = availableParallelism(), sandbox, process: where = "in-process", restarts, ...connectorOptions } = options;
    if (!Number.isInteger(size) || size < 1) throw new ConnectorsError("SANDBOX_POOL", `A sandbox pool needs a whole number of instances, at least 1 (got ${String(size)}). Fix: pass size: 2`);
    const loaded = typeof target === "string" ? await loadConnector(target, { mode: "sandbox", sandbox }) : target;
    if (loaded.mode !== "sandbox") throw new ConnectorsError("SANDBOX_POOL", `A sandbox pool needs a connector loaded in sandbox mode (got ${loaded.mode}). Fix: loadConnector(target, { mode: "sandbox" })`);
    const child = where === "child" ? new SandboxProcess(loaded.source.slug, restarts) : undefined;
    const members: Member[] = [];
    try {
      const instances = child ? (await childInstances(loaded, child, size, connectorOptions, sandbox)).loaded : loaded;
      for (let i = 0; i < size; i++) {
        const connector = await createConnector(instances, connectorOptions);
        members.push({ connector, sandbox: getSandboxHandle(connector.plugin)! });
        await connector.setup();
      }
    } catch (error) {
      await Promise.allSettled(members.map((member) => member.connector.teardown()));
      child?.close();
      throw error;
    }
    return new SandboxPool(members, child);
  }

  /** The instances, for logs, requests and stats. */
  get connectors(): Connector[] {
    return this.#members.map((member) => member.connector);
  }

  /**
   * processEvent over JSON messages, spread over the pool ({@link ConnectorSandbox.processEventMessages}):
   * one outcome per message, in order.
   */
  processEventMessages(messages: string[]): Promise<EventMessageOutcome[]> {
    return this.#spread(messages, (member, chunk) => member.sandbox.processEventMessages(chunk, member.connector.meta));
  }

  /** processEvent over event objects, spread over the pool ({@link ConnectorSandbox.processEventBatch}). */
  processEventBatch(events: PluginEvent[]): Promise<Array<PluginEvent | null>> {
    return this.#spread(events, (member, chunk) => member.sandbox.processEventBatch(chunk, member.connector.meta));
  }

  /** The id of the child process that holds the isolates (child mode, while it runs). */
  get processId(): number | undefined {
    return this.#process?.pid;
  }

  /** IPC messages exchanged with the child process so far, both ways (child mode; 0 in-process). A count the bench budgets. */
  get processMessages(): number {
    return this.#process?.messages ?? 0;
  }

  /** Runs teardownPlugin in every instance and disposes the isolates (child mode: ends the child process). */
  async teardown(): Promise<void> {
    try {
      await Promise.all(this.#members.map((member) => member.connector.teardown()));
    } finally {
      this.#process?.close();
    }
  }

  /**
   * Each member takes the next chunk when it is free; the results keep the input order. A failure stops
   * the rest. In child mode a member has two chunks out at once, so its next chunk is already in the
   * sandbox process while the previous one's outcome crosses the pipe back.
   */
  async #spread<T, R>(items: T[], run: (member: Member, chunk: T[]) => Promise<R[]>): Promise<R[]> {
    const size = chunkSize(items.length, this.#members.length);
    const results: R[][] = [];
    let next = 0;
    let failed = false;
    const work = async (member: Member) => {
      while (!failed && next < items.length) {
        const index = next / size;
        const chunk = items.slice(next, next + size);
        next += size;
        try {
          results[index] = await run(member, chunk);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    const perMember = this.#process ? 2 : 1;
    await Promise.all(this.#members.flatMap((member) => Array.from({ length: perMember }, () => work(member))));
    return results.flat();
  }
}
