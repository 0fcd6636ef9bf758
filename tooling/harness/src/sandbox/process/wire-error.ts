import { BackgroundBudgetError, HookFailedError, HookTimeoutError, PluginDisabledError, PluginLoadError, SandboxLimitError, type SandboxLimit } from "../../errors.ts";
import { ThrownRecords } from "../thrown-records.ts";

/**
 * A thrown value as it crosses between the pool's process and its sandbox process: the harness errors
 * by class (so `instanceof SandboxLimitError` still holds on the other side), errors that started on
 * the receiving side by id (the very same object comes back), anything else by its parts.
 */
export type WireError =
  | { kind: "harness"; cls: HarnessErrorClass; message: string; stack?: string; props: HarnessErrorProps; cause?: WireError }
  | { kind: "sent"; id: number }
  | { kind: "thrown"; name: string; message: string; stack?: string; code?: string | number; fields?: Record<string, unknown>; sentId?: number }
  | { kind: "value"; value: unknown };

type HarnessErrorClass = "SandboxLimitError" | "HookTimeoutError" | "HookFailedError" | "PluginDisabledError" | "PluginLoadError" | "BackgroundBudgetError";

interface HarnessErrorProps {
  plugin?: string;
  hook?: string;
  limit?: SandboxLimit;
  value?: number;
  timeoutMs?: number;
  work?: string;
  stopped?: boolean;
}

/** Rebuilds a harness error of `cls` from its fields; the message is set from the wire afterwards. */
const REBUILD: Record<HarnessErrorClass, (props: HarnessErrorProps, cause: unknown) => Error> = {
  SandboxLimitError: (p) => new SandboxLimitError(p.plugin ?? "", p.hook ?? "", p.limit ?? "cpu", p.value ?? 0),
  HookTimeoutError: (p) => new HookTimeoutError(p.plugin ?? "", p.hook ?? "", p.timeoutMs ?? 0),
  HookFailedError: (p, cause) => new HookFailedError(p.plugin ?? "", p.hook ?? "", "", { cause }),
  PluginDisabledError: (p) => new PluginDisabledError(p.plugin ?? "", ""),
  PluginLoadError: (_p, cause) => new PluginLoadError("", { cause }),
  BackgroundBudgetError: (p) => new BackgroundBudgetError(p.plugin ?? "", p.work ?? "", { cpuMs: 0, windowMs: 0 }, p.stopped),
};

/** The class a harness error is rebuilt as; subclasses first. */
function harnessClassOf(error: Error): HarnessErrorClass | undefined {
  if (error instanceof SandboxLimitError) return "SandboxLimitError";
  if (error instanceof HookFailedError) return "HookFailedError";
  if (error instanceof HookTimeoutError) return "HookTimeoutError";
  if (error instanceof PluginDisabledError) return "PluginDisabledError";
  if (error instanceof PluginLoadError) return "PluginLoadError";
  if (error instanceof BackgroundBudgetError) return "BackgroundBudgetError";
  return undefined;
}

function propsOf(error: Error): HarnessErrorProps {
  const { plugin, hook, limit, value, timeoutMs, work, stopped } = error as Error & HarnessErrorProps;
  return Object.fromEntries(Object.entries({ plugin, hook, limit, value, timeoutMs, work, stopped }).filter(([, v]) => v !== undefined));
}

/** Where an error received from the other side came from there, so it can go back as itself. */
const SENT_ID = Symbol("connectors.sentErrorId");

/**
 * Both directions of one process pair: errors this side sends are kept (the latest 1000) so one that
 * comes back is the same object; errors received keep the other side's id for the same reason.
 */
export class WireErrors {
  readonly #kept = new ThrownRecords();

  /** `error` as it crosses to the other side. */
  toWire(error: unknown): WireError {
    if (!(error instanceof Error)) return { kind: "value", value: error };
    const sentId = (error as { [SENT_ID]?: number })[SENT_ID];
    if (sentId !== undefined) return { kind: "sent", id: sentId };
    const cls = harnessClassOf(error);
    if (cls) {
      const cause = (error as { cause?: unknown }).cause;
      return { kind: "harness", cls, message: error.message, ...(error.stack ? { stack: error.stack } : {}), props: propsOf(error), ...(cause !== undefined ? { cause: this.toWire(cause) } : {}) };
    }
    const record = this.#kept.toRecord(error);
    return { kind: "thrown", name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(record.code !== undefined ? { code: record.code } : {}), ...(record.fields ? { fields: record.fields } : {}), sentId: record.hostErrorId! };
  }

  /** What the other side sent, as an error on this side. */
  fromWire(wire: WireError): unknown {
    switch (wire.kind) {
      case "value":
        return wire.value;
      case "sent":
        return this.#kept.toHostError({ error: true, hostErrorId: wire.id, message: "an error from this process" });
      case "harness": {
        const error = REBUILD[wire.cls](wire.props, wire.cause ? this.fromWire(wire.cause) : undefined);
        error.message = wire.message;
        if (wire.stack) error.stack = wire.stack;
        return error;
      }
      case "thrown": {
        const error = this.#kept.toHostError({ error: true, name: wire.name, message: wire.message, ...(wire.stack ? { stack: wire.stack } : {}), ...(wire.code !== undefined ? { code: wire.code } : {}) }) as Error;
        if (wire.fields) Object.assign(error, wire.fields);
        if (wire.sentId !== undefined) Object.defineProperty(error, SENT_ID, { value: wire.sentId });
        return error;
      }
    }
  }
}
