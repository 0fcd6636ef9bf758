import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { readSettings, type MigratorConfig, type MigratorSettings } from "./lib/read-settings.ts";
import { sendEvents, type SendPayload } from "./lib/send-events.ts";

type Meta = PluginMeta<MigratorConfig, { settings: MigratorSettings }>;

/** The host's historical-export job this connector drives. */
const EXPORT_JOB = "Export historical events";
const RUN_EVERY_MS = 10 * 60_000;

/** Reads start date, debug flag and target version. @throws Error for an unparsable start date */
export function setupPlugin(meta: Meta): void {
  try {
    meta.global.settings = readSettings(meta.config);
  } catch (error) {
    if (String((error as Error).message).startsWith("Invalid start date")) meta.logger.error("Failed to parse start date. Make sure to use the format YYYY-MM-DD");
    throw error;
  }
}

/** Forwards historical-export batches to the `parseAndSendEvents` job; live batches are skipped (judged by the first event). */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  if (events.length === 0) return;
  const { major, minor } = meta.global.settings;
  const first = events[0]!;
  const afterHistoricalFlag = major > 1 || (major === 1 && minor > 29);
  if (afterHistoricalFlag ? !first.properties?.$$is_historical_export_event : Boolean(first.uuid)) return;
  await meta.jobs.parseAndSendEvents!({ events } satisfies SendPayload).runNow();
}

/** At most every 10 minutes and when no export runs: exports the events from `max_date` (or startDate) until now. */
export async function runEveryMinute(meta: Meta): Promise<void> {
  const now = Date.now();
  const lastRun = (await meta.cache.get("last_run", null)) as number | null;
  if (lastRun && now - lastRun < RUN_EVERY_MS) return;
  if (await meta.storage.get("is_export_running", false)) return;
  const dateFrom = (await meta.storage.get("max_date", meta.global.settings.startDate)) as string | null;
  const dateTo = new Date(now).toISOString();
  await meta.jobs[EXPORT_JOB]!({ dateFrom, dateTo }).runNow();
  meta.logger.log(`Started exporting events from ${dateFrom ?? "the beginning"} to ${dateTo}`);
  await meta.storage.set("max_date", dateTo);
  await meta.cache.set("last_run", now);
}

export const jobs = {
  /** Sends a batch of historical events to the target instance. */
  parseAndSendEvents: (payload: SendPayload, meta: Meta) => sendEvents(payload, meta),
  /** Clears the running flag and restarts the export from the host's cursor. */
  "[ADVANCED] Force restart": async (_payload: unknown, meta: Meta) => {
    await meta.storage.del("is_export_running");
    const cursor = (await meta.storage.get("timestamp_cursor", null)) as number | null;
    if (!cursor) throw new Error("Unable to restart correctly");
    await meta.jobs[EXPORT_JOB]!({ dateFrom: new Date(Number(cursor)).toISOString(), dateTo: new Date().toISOString() }).runNow();
  },
};
