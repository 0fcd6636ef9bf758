import { isRetryError } from "@connectors/plugin-api";
import { HookFailedError, HookTimeoutError, PluginDisabledError, SandboxProcessError } from "../errors.ts";
import type { Redactor } from "../redact.ts";
import { redactErrorChain } from "../redact/redact-error-chain.ts";
import type { ConnectorTracer } from "../trace/source-location.ts";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** Describes whatever a hook threw (it may not be an Error), with secrets redacted. */
export function describeThrown(thrown: unknown, redact: Redactor): string {
  if (thrown instanceof Error) return redact(isRetryError(thrown) ? `RetryError: ${thrown.message}` : `${thrown.name}: ${thrown.message}`);
  if (typeof thrown === "string") return redact(`threw the string ${JSON.stringify(thrown)}`);
  try {
    return redact(`threw ${JSON.stringify(thrown)} (not an Error)`);
  } catch {
    return `threw ${String(thrown)} (not an Error)`;
  }
}

/** What a guarded call needs to know to name itself in errors. */
export interface GuardContext {
  plugin: string;
  hook: string;
  timeoutMs: number;
  redact: Redactor;
  /** Maps what the hook threw to the connector's source (bundle and sandbox modes). */
  trace?: ConnectorTracer | undefined;
  /** Where the connector's code runs (its vendor-SDK route, once it uses an SDK). */
  scope?: { enter<T>(call: () => T): T };
}

function wrap(context: GuardContext, error: unknown): never {
  redactErrorChain(error, context.redact);
  if (error instanceof HookTimeoutError || error instanceof HookFailedError || error instanceof PluginDisabledError || error instanceof SandboxProcessError) throw error;
  throw new HookFailedError(context.plugin, context.hook, describeThrown(error, context.redact), { cause: error, trace: context.trace?.(error, context.redact) });
}

async function raceTimeout<T>(context: GuardContext, value: PromiseLike<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HookTimeoutError(context.plugin, context.hook, context.timeoutMs)), context.timeoutMs);
    timer.unref?.();
  });
  try {
    return await Promise.race([value, timeout]);
  } catch (error) {
    return wrap(context, error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls a hook: a synchronous result comes back synchronously (no promise, no timer: the hot path);
 * a promise is raced against the time limit. Anything thrown becomes a {@link HookFailedError} whose
 * `cause` is what the hook threw (so a `RetryError` can still be recognised).
 */
export function guardHook<T>(context: GuardContext, call: () => T | Promise<T>): T | Promise<T> {
  let value: T | Promise<T>;
  try {
    value = context.scope ? context.scope.enter(call) : call();
  } catch (error) {
    return wrap(context, error);
  }
  return isThenable(value) ? raceTimeout(context, value) : value;
}
