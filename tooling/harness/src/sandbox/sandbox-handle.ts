import type { PluginEvent, PluginMeta } from "@connectors/plugin-api";
import type { EventMessageOutcome } from "./connector-sandbox.ts";

/**
 * What the harness asks of a sandboxed connector instance, wherever its isolate lives: in this process
 * ({@link ConnectorSandbox}) or in a pool's sandbox process (`RemoteSandbox`).
 */
export interface SandboxHandle {
  readonly slug: string;
  /** True when every hook answers through a process boundary (so always asynchronously). */
  readonly remote: boolean;
  call(hook: string, path: string[], args: unknown[]): unknown;
  processEventBatch(events: PluginEvent[], meta: PluginMeta): Promise<Array<PluginEvent | null>>;
  processEventMessages(messages: string[], meta: PluginMeta): Promise<EventMessageOutcome[]>;
  flushBuffers(meta: PluginMeta): Promise<void>;
  dispose(reason?: string): void;
}
