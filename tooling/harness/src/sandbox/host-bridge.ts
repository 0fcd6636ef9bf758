import type { LogLevel, PluginMeta, PostHogExtension } from "@connectors/plugin-api";
import { ResponseTooLargeError } from "../errors.ts";
import { defaultEgressPolicy, type EgressPolicy } from "../fetch/egress-policy.ts";
import type { ConnectorGlobals } from "../load/evaluate-bundle.ts";
import type { ConnectorSource } from "../load/resolve-source.ts";
import { toRequestInit, toResponseRecord, type RequestRecord, type ResponseRecord } from "./host-operations.ts";
import { PgBridge } from "./pg-bridge.ts";
import { DEFAULT_MAX_RESPONSE_BYTES, type SandboxOptions } from "./sandbox-options.ts";

/** How a sandboxed connector's metric is changed. */
export type MetricMethod = "increment" | "max" | "min";

/**
 * What a sandbox asks of the host on its connector's behalf, beyond pure computation: log lines and
 * metrics (answered at once, in order) and every asynchronous operation (fetch, posthog, the meta
 * areas, jobs, pg). {@link LocalHostBridge} runs them in this process; the out-of-process pool hands its
 * child a bridge that sends them to the process that holds the connector (see `sandbox-process/`).
 */
export interface SandboxHostBridge {
  log(target: "console" | "logger", level: LogLevel, message: string): void;
  metric(name: string, method: MetricMethod, value: number): void;
  /** Runs an asynchronous host operation (`fetch.global`, `meta`, `pg.query`, ...) and answers its result. */
  run(op: string, args: unknown[]): Promise<unknown>;
  /** Tells the bridge which meta the hooks now run with (the instance's meta, on the host side). */
  useMeta(meta: PluginMeta): void;
  /** Ends what the bridge holds (pg connections). */
  close(): void;
}

/** The host bridge of a sandbox in this process: operations run against the instance's globals and meta. */
export class LocalHostBridge implements SandboxHostBridge {
  readonly #slug: string;
  readonly #globals: ConnectorGlobals;
  readonly #maxResponseBytes: number;
  readonly #pg: PgBridge;
  #meta: PluginMeta | undefined;

  constructor(source: ConnectorSource, globals: ConnectorGlobals, options: SandboxOptions) {
    this.#slug = source.slug;
    this.#globals = globals;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const egress = (): EgressPolicy => globals.egress ?? options.egress ?? defaultEgressPolicy(source.manifest, this.#meta?.config ?? {});
    this.#pg = new PgBridge(this.#slug, egress, globals.resolveHost ?? options.resolveHost);
  }

  useMeta(meta: PluginMeta): void {
    this.#meta = meta;
  }

  log(target: "console" | "logger", level: LogLevel, message: string): void {
    const logger = target === "console" ? this.#globals.console : this.#requireMeta().logger;
    logger[level]?.(message);
  }

  metric(name: string, method: MetricMethod, value: number): void {
    this.#requireMeta().metrics[name]![method](value);
  }

  async run(op: string, args: any[]): Promise<unknown> {
    switch (op) {
      case "fetch.global":
      case "fetch.meta": {
        const [url, init] = args as [string, RequestRecord];
        const fetch = op === "fetch.global" ? this.#globals.fetch : this.#requireMeta().fetch;
        return this.#responseRecord(await fetch(url, toRequestInit(init)));
      }
      case "posthog.capture": {
        const [target, event, properties] = args as [string, string, Record<string, unknown> | undefined];
        return this.#posthog(target).capture(event, properties);
      }
      case "posthog.api": {
        const [target, method, path, options] = args as [string, "get" | "post" | "put" | "delete", string, object | undefined];
        return this.#responseRecord(await this.#posthog(target).api[method](path, options));
      }
      case "meta": {
        const [area, name, callArgs] = args as [string, string, unknown[]];
        const meta = this.#requireMeta() as unknown as Record<string, any>;
        const target = area === "utils.cursor" ? meta.utils?.cursor : meta[area];
        if (!target || typeof target[name] !== "function") throw new TypeError(`meta.${area}.${name} is not available`);
        return target[name](...callArgs);
      }
      case "jobs": {
        const [name, payload, method, callArgs] = args as [string, unknown, "runNow" | "runIn" | "runAt", unknown[]];
        const controls = this.#requireMeta().jobs[name]!(payload) as unknown as Record<string, (...a: unknown[]) => Promise<void>>;
        return controls[method]!(...callArgs);
      }
      case "pg.connect":
        return this.#pg.connect(args[0] as object);
      case "pg.query":
        return this.#pg.query(args[0] as number, args[1] as string, args[2] as unknown[] | undefined);
      case "pg.end":
        return this.#pg.end(args[0] as number);
      default:
        throw new Error(`unknown sandbox operation ${op}`);
    }
  }

  close(): void {
    this.#pg.closeAll();
  }

  #requireMeta(): PluginMeta {
    if (!this.#meta) throw new Error("meta is only available inside a hook call");
    return this.#meta;
  }

  #posthog(target: string): PostHogExtension {
    return target === "global" ? this.#globals.posthog : this.#requireMeta().posthog;
  }

  /** A response as the isolate receives it, its body capped at `sandbox.maxResponseBytes`. */
  #responseRecord(response: Response): Promise<ResponseRecord> {
    const limit = this.#maxResponseBytes;
    return toResponseRecord(response, limit, (host) => new ResponseTooLargeError(this.#slug, host, limit));
  }
}
