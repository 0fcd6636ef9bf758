import type { PluginMeta } from "@posthog/plugin-scaffold";
import { fetchReport, parseWorkspaces, reportEvents } from "./lib/fetch-report.ts";

type Meta = PluginMeta<{ orbitApiKey: string; workspaceId: string }>;

const DISPLAY_NAME = "Orbit Love Report Sync";

/**
 * Every hour, three `orbit love report` events per workspace. A workspace already reported this hour is
 * skipped (a second run captures nothing twice); a failing workspace is logged and the others go on.
 */
export async function runEveryHour({ config, fetch, posthog, storage, logger }: Meta): Promise<void> {
  const hour = new Date().toISOString().slice(0, 13);
  const failures: string[] = [];
  for (const workspace of parseWorkspaces(config.workspaceId)) {
    const key = `reported-${workspace}`.slice(0, 200);
    if ((await storage.get(key, null)) === hour) continue;
    try {
      const attributes = await fetchReport(fetch, workspace, config.orbitApiKey);
      for (const properties of reportEvents(attributes)) await posthog.capture("orbit love report", { ...properties, distinct_id: DISPLAY_NAME });
      await storage.set(key, hour);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(message);
      failures.push(message);
    }
  }
  if (failures.length && failures.length === parseWorkspaces(config.workspaceId).length) throw new Error(failures[0]);
}
