import type { LogLevel, PluginFetch } from "@connectors/plugin-api";
import { MetricsRegistry } from "../../meta/metrics.ts";
import { EXPORT_METRICS } from "../../run/export-buffer.ts";
import type { SandboxExports } from "../connector-sandbox.ts";
import type { MetricMethod, SandboxHostBridge } from "../host-bridge.ts";
import type { RequestRecord, ResponseRecord } from "../host-operations.ts";
import { NULL_BODY_STATUSES } from "../../fetch/send-pinned.ts";
import type { FromChild } from "./protocol.ts";


/**
 * The host bridge of a sandbox inside a sandbox process: every operation goes to the pool's process,
 * which runs it against the instance's real globals and meta (so egress, records, redaction and caps are
 * decided there, once). Logs and metrics are sent without waiting, in order with the operations.
 */
export class ChildHostBridge implements SandboxHostBridge {
  readonly #instance: number;
  readonly #send: (message: FromChild) => void;
  readonly #runOnPool: (instance: number, op: string, args: unknown[]) => Promise<unknown>;
  #metrics = new MetricsRegistry("");

  constructor(instance: number, send: (message: FromChild) => void, runOnPool: (instance: number, op: string, args: unknown[]) => Promise<unknown>) {
    this.#instance = instance;
    this.#send = send;
    this.#runOnPool = runOnPool;
  }

  log(target: "console" | "logger", level: LogLevel, message: string): void {
    this.#send({ t: "log", instance: this.#instance, target, level, message });
  }

  /**
   * Learns the metrics the connector declared (and the harness's export metrics when it exports
   * exportEvents), so a metric call is checked here and a bad one throws into the isolate at once, as
   * in-process: the pool's process only receives metrics that are valid.
   */
  declareMetrics(slug: string, found: SandboxExports): void {
    const declared = found.exports.metrics?.kind === "value" ? (found.exports.metrics.value as Record<string, unknown>) : undefined;
    this.#metrics = new MetricsRegistry(slug, { ...declared });
    if (found.exports.exportEvents?.kind === "function") this.#metrics.declare(EXPORT_METRICS, "sum");
  }

  metric(name: string, method: MetricMethod, value: number): void {
    this.#metrics.update(name, value, method);
    this.#send({ t: "metric", instance: this.#instance, name, method, value });
  }

  run(op: string, args: unknown[]): Promise<unknown> {
    return this.#runOnPool(this.#instance, op, args);
  }

  useMeta(): void {
    // The pool's process sets the meta with the request that carries it.
  }

  close(): void {
    // Nothing is held here: pg connections live in the pool's process.
  }

  /** The connector's global fetch for host code in this process (the vendor SDKs), sent through the pool's fetch. */
  readonly fetch = (async (url: string, init?: RequestInit & { timeout?: number }) => {
    const request = new Request(url, init);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const record: RequestRecord = { method: request.method, headers: [...request.headers], ...(body ? { body } : {}), redirect: request.redirect, ...(init?.timeout ? { timeout: init.timeout } : {}) };
    const response = (await this.run("fetch.global", [request.url, record])) as ResponseRecord;
    const responseBody = NULL_BODY_STATUSES.has(response.status) ? null : response.body;
    return new Response(responseBody, { status: response.status, statusText: response.statusText, headers: response.headers });
  }) as unknown as PluginFetch;
}
