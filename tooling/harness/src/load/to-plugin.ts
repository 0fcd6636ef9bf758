import { HOOK_NAMES, SCHEDULED_TASKS, type Plugin, type PluginEvent } from "@connectors/plugin-api";
import { PluginLoadError } from "../errors.ts";

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

function checkJobs(plugin: string, jobs: unknown): void {
  if (jobs === undefined) return;
  if (typeof jobs !== "object" || jobs === null) throw new PluginLoadError(`Connector "${plugin}" exports jobs as ${typeName(jobs)}; export an object of job functions: export const jobs = { myJob: async (payload, meta) => {...} }`);
  for (const [name, job] of Object.entries(jobs)) {
    if (typeof job !== "function") throw new PluginLoadError(`Connector "${plugin}" job "${name}" is ${typeName(job)}; every job must be a function (payload, meta) => ...`);
  }
}

/** Adapts a batch-only connector: `processEvent(e) = processEventBatch([e])[0]`, as PostHog did. */
function adaptBatch(plugin: Plugin): Plugin {
  const batch = plugin.processEventBatch;
  if (plugin.processEvent || !batch) return plugin;
  return { ...plugin, processEvent: async (event: PluginEvent, meta) => (await batch([event], meta))?.[0] ?? null };
}

/**
 * Checks discovered exports against the contract and returns the runnable plugin: hooks must be
 * functions (a non-function `runEvery*` is ignored, as in PostHog), jobs an object of functions,
 * and at least one hook or job must exist.
 *
 * @throws PluginLoadError naming the export and the fix
 */
export function toPlugin(plugin: string, exports: Record<string, unknown>): Plugin {
  const out: Record<string, unknown> = {};
  for (const name of HOOK_NAMES) {
    const value = exports[name];
    if (value === undefined) continue;
    if (typeof value === "function") out[name] = value;
    else if (!(SCHEDULED_TASKS as readonly string[]).includes(name)) {
      throw new PluginLoadError(`Connector "${plugin}" exports ${name} as ${typeName(value)}; it must be a function`);
    }
  }
  checkJobs(plugin, exports.jobs);
  if (exports.jobs) out.jobs = exports.jobs;
  if (exports.metrics !== undefined) out.metrics = exports.metrics;
  const runnable = Object.keys(out).some((k) => k !== "metrics" && k !== "getSettings");
  if (!runnable) {
    throw new PluginLoadError(`Connector "${plugin}" exports nothing runnable. Fix: export at least one of ${HOOK_NAMES.filter((h) => h !== "getSettings").join(", ")} or jobs (e.g. export function processEvent(event, meta) { return event }).`);
  }
  return adaptBatch(out as Plugin);
}
