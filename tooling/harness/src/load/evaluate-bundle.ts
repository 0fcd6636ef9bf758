import { runInThisContext } from "node:vm";
import { KNOWN_EXPORTS, RetryError, type Logger, type PluginFetch, type PostHogExtension } from "@connectors/plugin-api";
import { PluginLoadError } from "../errors.ts";
import type { EgressPolicy } from "../fetch/egress-policy.ts";
import type { HostResolver } from "../fetch/resolve-host.ts";
import type { BackgroundBudget } from "../run/background-budget.ts";

/** The globals a connector sees, the way PostHog's plugin server provided them. */
export interface ConnectorGlobals {
  require: (specifier: string) => unknown;
  fetch: PluginFetch;
  posthog: PostHogExtension;
  console: Logger;
  /** The instance's egress policy (sandbox mode applies it to bridged `pg` connections). */
  egress?: EgressPolicy;
  /** Resolves host names for bridged `pg` connections (default: the system resolver; tests inject one). */
  resolveHost?: HostResolver;
  /** The instance's time limit per hook call in ms (sandbox mode's default CPU budget per call). */
  timeoutMs?: number;
  /** The instance's background CPU budget (sandbox mode charges createBuffer flushes to it). */
  background?: BackgroundBudget;
}

/** What a module evaluated to, in PostHog's discovery order. */
export interface EvaluatedModule {
  moduleExports: unknown;
  exports: unknown;
  /** Top-level functions and values with hook names, for connectors that export nothing. */
  bare: Record<string, unknown>;
}

/** Globals the plugin server did not have: shadowed so connectors behave the same everywhere. */
const HIDDEN = ["process", "global", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"];

const PARAMS = ["module", "exports", "require", "fetch", "posthog", "console", "RetryError", "URL", "URLSearchParams", "Buffer", "__filename", "__dirname", ...HIDDEN];

function bareCollector(): string {
  return `return {${KNOWN_EXPORTS.map((name) => `${name}: typeof ${name} !== "undefined" ? ${name} : undefined`).join(", ")}};`;
}

/**
 * Runs a connector bundle in a function scope whose free variables are PostHog's globals (`fetch`,
 * `posthog`, `console`, `RetryError`, `URL`, `Buffer`) and the host `require`; `process`, `global`
 * and timers are undefined, as in the plugin server's VM.
 *
 * @throws PluginLoadError when evaluating the top level throws
 */
export function evaluateBundle(code: string, filename: string, globals: ConnectorGlobals): EvaluatedModule {
  const wrapper = `(function (${PARAMS.join(", ")}) {\n${code}\n;${bareCollector()}\n})`;
  const module = { exports: {} as unknown };
  let bare: Record<string, unknown>;
  try {
    const fn = runInThisContext(wrapper, { filename }) as (...args: unknown[]) => Record<string, unknown>;
    bare = fn(module, module.exports, globals.require, globals.fetch, globals.posthog, globals.console, RetryError, URL, URLSearchParams, Buffer, filename, "/");
  } catch (error) {
    if (error instanceof PluginLoadError) throw error;
    throw new PluginLoadError(`Cannot load ${filename}: its top-level code threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
  }
  return { moduleExports: module.exports, exports: module.exports, bare };
}
