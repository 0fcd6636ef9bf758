import type { LogLevel } from "@connectors/plugin-api";
import type { MetricMethod } from "../host-bridge.ts";
import type { SandboxOptions } from "../sandbox-options.ts";
import type { WireError } from "./wire-error.ts";

/** The limits of a sandbox that cross to its process (functions such as `resolveHost` stay with the pool). */
export type WireSandboxOptions = Pick<SandboxOptions, "memoryLimitMb" | "cpuTimeoutMs" | "maxPendingOps" | "maxPendingTimers" | "maxValueBytes" | "maxResponseBytes">;

/** A hook's meta as its sandbox process sees it: the data the isolate copies in; everything else stays with the pool. */
export interface MetaSnapshot {
  id: number;
  config: Record<string, unknown>;
  attachments: Record<string, unknown>;
  /** "host": lookups are answered by the pool's process; a number: the shared database sent as that id. */
  geoip?: "host" | number;
}

/** What an instance is created from in the sandbox process. */
export interface CreateInstance {
  slug: string;
  entryFile: string;
  code: string;
  prelude: string;
  options: WireSandboxOptions;
  timeoutMs?: number;
  background?: { cpuMs: number; windowMs: number };
}

/** Requests from the pool's process; each is answered by one {@link ChildReply}. */
export type PoolRequest =
  | { kind: "create"; instance: number; create: CreateInstance }
  | { kind: "call"; instance: number; hook: string; path: string[]; args: unknown[]; meta?: MetaSnapshot }
  | { kind: "batch" | "messages"; instance: number; items: unknown[]; meta: MetaSnapshot }
  | { kind: "flush"; instance: number; meta: MetaSnapshot }
  | { kind: "stats" | "dispose"; instance: number }
  | { kind: "geoip"; id: number; bytes: Uint8Array };

/** Messages from the pool's process to its sandbox process. */
export type ToChild = { t: "request"; id: number; request: PoolRequest } | { t: "answer"; id: number; ok: true; value: unknown } | { t: "answer"; id: number; ok: false; error: WireError };

/** Messages from the sandbox process: replies, host operations on an instance's behalf, and its fire-and-forget reports. */
export type FromChild =
  | { t: "ready" }
  | { t: "reply"; id: number; ok: true; value: unknown }
  | { t: "reply"; id: number; ok: false; error: WireError }
  | { t: "op"; id: number; instance: number; op: string; args: unknown[] }
  | { t: "log"; instance: number; target: "console" | "logger"; level: LogLevel; message: string }
  | { t: "metric"; instance: number; name: string; method: MetricMethod; value: number }
  | { t: "background"; instance: number; work: string; stopped: boolean };
