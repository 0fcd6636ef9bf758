import { HOOK_NAMES, SCHEDULED_TASKS, type Plugin } from "@connectors/plugin-api";
import type { ConnectorCapabilities, ConnectorType } from "@connectors/registry-client";

const scheduled = new Set<string>(SCHEDULED_TASKS);

/**
 * What a loaded connector can do, as PostHog recorded it: exported hook methods, scheduled tasks, and
 * the names of its jobs, each sorted.
 *
 * @example
 * deriveCapabilities({ processEvent: (e) => e, jobs: { sync: async () => {} } })
 * // { methods: ["processEvent"], scheduledTasks: [], jobs: ["sync"] }
 */
export function deriveCapabilities(plugin: Plugin): ConnectorCapabilities {
  const exported = HOOK_NAMES.filter((name) => typeof plugin[name] === "function");
  return {
    methods: exported.filter((name) => !scheduled.has(name)).sort(),
    scheduledTasks: exported.filter((name) => scheduled.has(name)).sort(),
    jobs: Object.keys(plugin.jobs ?? {}).sort(),
  };
}

/**
 * The catalog type of a connector from its capabilities: `transformation` when it changes events,
 * else `destination` when it receives them, else `scheduled` when it only runs tasks or jobs.
 * Undefined when it does none of these (the build reports it).
 */
export function connectorTypeOf(capabilities: ConnectorCapabilities): ConnectorType | undefined {
  const methods = new Set(capabilities.methods);
  if (methods.has("processEvent") || methods.has("processEventBatch")) return "transformation";
  if (methods.has("onEvent") || methods.has("exportEvents") || methods.has("composeWebhook")) return "destination";
  if (capabilities.scheduledTasks.length || capabilities.jobs.length) return "scheduled";
  return undefined;
}
