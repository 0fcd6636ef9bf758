import { SCHEDULED_TASKS } from "@connectors/plugin-api";
import type { Connector } from "@connectors/harness";
import { UsageError } from "./read-input.ts";

/** The event hooks `connectors run` can call, in the order it picks one when `--hook` is not given. */
export const EVENT_HOOKS = ["processEvent", "onEvent", "exportEvents", "composeWebhook"] as const;

const RUNNABLE_HOOKS: readonly string[] = [...EVENT_HOOKS, ...SCHEDULED_TASKS, "setupPlugin"];

/** A name is the connector's own only when it is an own property holding a function (never `constructor`, `toString`, `__proto__`). */
function ownFunctionNames(exports: object | undefined): string[] {
  if (!exports) return [];
  return Object.keys(exports).filter((name) => typeof (exports as Record<string, unknown>)[name] === "function");
}

/** The hooks and jobs a connector exports itself, as `--hook` accepts them. */
export function listRunnable(connector: Connector): { hooks: string[]; jobs: string[] } {
  const own = ownFunctionNames(connector.plugin);
  return {
    hooks: RUNNABLE_HOOKS.filter((hook) => own.includes(hook)),
    jobs: ownFunctionNames(connector.plugin.jobs).map((job) => `job:${job}`),
  };
}

/** `onEvent` on a connector with only `exportEvents`: PostHog's server fed every event into its export buffer. */
function feedsExportBuffer(hooks: readonly string[], requested: string): boolean {
  return requested === "onEvent" && hooks.includes("exportEvents");
}

function describeRunnable(runnable: { hooks: string[]; jobs: string[] }): string {
  const hooks = runnable.hooks.length ? runnable.hooks.join(", ") : "none";
  const jobs = runnable.jobs.length ? runnable.jobs.join(", ") : "none";
  return `it has hooks: ${hooks}; jobs: ${jobs}`;
}

/**
 * The hook `connectors run` calls: `--hook` when it names one of the connector's own hooks or jobs
 * (`job:<name>`), else processEvent, else the first hook it exports. Anything else, including names
 * every object inherits (`constructor`, `toString`, `__proto__`), is a {@link UsageError} listing
 * what the connector does export.
 */
export function resolveHook(connector: Connector, requested: string | undefined): string {
  const runnable = listRunnable(connector);
  if (requested === undefined) return runnable.hooks[0] ?? "setupPlugin";
  if (runnable.hooks.includes(requested) || runnable.jobs.includes(requested) || feedsExportBuffer(runnable.hooks, requested)) return requested;
  const fix = `Fix: pass --hook with one of them (jobs as job:<name>).`;
  if (requested.startsWith("job:")) throw new UsageError(`connector "${connector.slug}" has no job "${requested.slice(4)}"; ${describeRunnable(runnable)}. ${fix}`);
  if (RUNNABLE_HOOKS.includes(requested)) throw new UsageError(`connector "${connector.slug}" does not export ${requested}; ${describeRunnable(runnable)}. ${fix}`);
  throw new UsageError(`unknown hook "${requested}" for connector "${connector.slug}"; ${describeRunnable(runnable)}. ${fix}`);
}
