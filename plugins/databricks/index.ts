import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { postDatabricks } from "./lib/databricks-api.ts";
import { buildJobSpec } from "./lib/job-spec.ts";
import { LOADER_SCRIPT } from "./lib/loader-script.ts";
import { HEADER, toLine } from "./lib/to-line.ts";
import { chunkText, writeDbfsFile } from "./lib/write-dbfs-file.ts";

interface Config {
  DomainName: string;
  ApiKey: string;
  fileName: string;
  pythonSupportFileUpload: string;
  clusterId: string;
  dbName: string;
  eventsToIgnore?: string;
}
type Meta = PluginMeta<Config, { eventsToIgnore: Set<string> }>;

/** Uploads the loader script to DBFS at `pythonSupportFileUpload`. */
export async function setupPlugin(meta: Meta): Promise<void> {
  const { DomainName, ApiKey, pythonSupportFileUpload } = meta.config;
  meta.global.eventsToIgnore = new Set(
    (meta.config.eventsToIgnore ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
  );
  await writeDbfsFile(meta, DomainName, ApiKey, pythonSupportFileUpload, [Buffer.from(LOADER_SCRIPT, "utf8")]);
}

/** Appends one `|`-separated line per non-ignored event to storage `data` (no network). */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const lines = events.filter((event) => !meta.global.eventsToIgnore.has(event.event)).map(toLine);
  if (lines.length === 0) return;
  const stored = (await meta.storage.get("data", [])) as string[];
  await meta.storage.set("data", [...stored, ...lines]);
}

/**
 * Writes the stored lines (with a header) to the DBFS file `fileName`, replaces the previous job and runs a
 * new one with `[dbName, fileName]`, then removes exactly the loaded lines from storage. A failure leaves
 * them in storage for the next run (which rewrites the file).
 */
export async function runEveryMinute(meta: Meta): Promise<void> {
  const { DomainName, ApiKey, fileName, pythonSupportFileUpload, clusterId, dbName } = meta.config;
  const lines = (await meta.storage.get("data", [])) as string[];
  await writeDbfsFile(meta, DomainName, ApiKey, fileName, lines.length ? chunkText([HEADER, ...lines]) : []);
  if (lines.length === 0) return;
  const previous = await meta.cache.get("job_id", null);
  if (previous) await postDatabricks(meta, DomainName, ApiKey, "/api/2.1/jobs/delete", { job_id: previous });
  const { job_id } = (await postDatabricks(meta, DomainName, ApiKey, "/api/2.1/jobs/create", buildJobSpec(clusterId, pythonSupportFileUpload))) as { job_id: number };
  await postDatabricks(meta, DomainName, ApiKey, "/api/2.1/jobs/run-now", { job_id, python_params: [dbName, fileName] });
  await meta.cache.set("job_id", job_id);
  // Remove only the lines this run loaded: events stored meanwhile were appended after them.
  const current = (await meta.storage.get("data", [])) as string[];
  await meta.storage.set("data", current.slice(lines.length));
  meta.logger.log(`Wrote ${lines.length} event(s) to dbfs:${fileName} and started Databricks job ${job_id}`);
}
