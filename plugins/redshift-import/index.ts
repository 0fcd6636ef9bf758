import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { ClientConfig } from "pg";
import { checksRedshiftHost, queryRows, sanitizeIdentifier } from "./lib/redshift-client.ts";
import { parseRowToEventMap, transformDefault, transformJsonMap, type RowEvent } from "./lib/transform-row.ts";

type Config = {
  clusterHost: string;
  clusterPort: string;
  dbName: string;
  tableName?: string;
  dbUsername: string;
  dbPassword: string;
  orderByColumn?: string;
  transformationName?: string;
  importMechanism?: string;
};
type Global = { initialOffset: number; totalRows: number; transform: (row: Record<string, unknown>) => RowEvent };
type Meta = PluginMeta<Config, Global>;
type ImportPayload = { offset?: number; retriesPerformedSoFar: number };

const BATCH = 10;
const MAX_RETRIES = 15;
const REQUIRED = ["clusterHost", "clusterPort", "dbName", "dbUsername", "dbPassword"] as const;

function connection(config: Config): ClientConfig {
  return { user: config.dbUsername, password: config.dbPassword, host: config.clusterHost, database: config.dbName, port: Number.parseInt(config.clusterPort, 10) };
}

const table = (config: Config) => sanitizeIdentifier(config.tableName || "posthog_event");

/** Checks config and connection, freezes the row count (historical mode) and starts the job chain in 10 s. */
export async function setupPlugin({ config, attachments, global, storage, cache, jobs }: Meta): Promise<void> {
  for (const key of REQUIRED) if (!config[key]) throw new Error(`Required config option ${key} is missing!`);
  if (checksRedshiftHost() && !config.clusterHost.trim().endsWith("redshift.amazonaws.com")) throw new Error("Cluster host must be a valid AWS Redshift host");
  const transformation = config.transformationName || "default";
  if (transformation === "default") global.transform = transformDefault;
  else if (transformation === "JSON Map") {
    const map = parseRowToEventMap(attachments.rowToEventMap?.contents);
    global.transform = (row) => transformJsonMap(row, map);
  } else throw new Error(`Unknown transformation ${transformation}`);
  let count: number;
  try {
    const rows = await queryRows(connection(config), `SELECT COUNT(1) FROM ${table(config)}`);
    count = Number(rows[0]?.count);
  } catch {
    throw new Error("Unable to connect to Redshift!");
  }
  global.totalRows = count;
  if (config.importMechanism === "Only import historical data") {
    const snapshot = Number(await storage.get("total_rows_snapshot", 0));
    if (snapshot) global.totalRows = snapshot;
    else await storage.set("total_rows_snapshot", count);
  }
  global.initialOffset = Number(await storage.get("import_offset", 0)) || 0;
  await cache.set("import_offset", 0);
  await jobs.importAndIngestEvents!({ retriesPerformedSoFar: 0 }).runIn(10, "seconds");
}

/** Stores how far the import got: the initial offset plus every claimed batch, at most the row count. */
export async function teardownPlugin({ global, storage, cache }: Meta): Promise<void> {
  const counter = Number(await cache.get("import_offset", 0)) || 0;
  await storage.set("import_offset", Math.min(global.initialOffset + counter * BATCH, global.totalRows));
}

/** Jobs: `importAndIngestEvents` imports one batch of 10 rows, then queues the next. */
export const jobs = {
  async importAndIngestEvents(payload: ImportPayload, { config, global, cache, jobs, posthog, logger }: Meta): Promise<void> {
    const retries = Number(payload?.retriesPerformedSoFar) || 0;
    const isRetry = typeof payload?.offset === "number";
    const offset = isRetry ? payload.offset! : global.initialOffset + ((await cache.incr("import_offset")) - 1) * BATCH;
    if (isRetry && retries >= MAX_RETRIES) {
      logger.error(`Import error: Unable to process rows ${offset}-${offset + BATCH}. Skipped them.`);
      return jobs.importAndIngestEvents!({ retriesPerformedSoFar: 0 }).runNow();
    }
    if (offset >= global.totalRows) {
      logger.log(`Done processing all rows in ${table(config)}`);
      return;
    }
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await queryRows(connection(config), `SELECT * FROM ${table(config)} ORDER BY ${sanitizeIdentifier(config.orderByColumn || "timestamp")} OFFSET $1 LIMIT ${BATCH}`, [offset]);
    } catch (error) {
      const wait = 3 * 2 ** retries;
      logger.error(`Unable to process rows ${offset}-${offset + BATCH}. Retrying in ${wait}. Error: ${error instanceof Error ? error.message : String(error)}`);
      return jobs.importAndIngestEvents!({ offset, retriesPerformedSoFar: retries + 1 }).runIn(wait, "seconds");
    }
    let ingested = 0;
    for (const [index, row] of rows.entries()) {
      let event: RowEvent;
      try {
        event = global.transform(row);
        if (!event.event) throw new Error("the row has no event name");
      } catch (error) {
        logger.error(`Skipped row ${offset + index}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      await posthog.capture(event.event, event.properties);
      ingested++;
    }
    logger.log(`Processed rows ${offset}-${offset + BATCH} and ingested ${ingested} event${ingested === 1 ? "" : "s"} from them.`);
    await jobs.importAndIngestEvents!({ retriesPerformedSoFar: 0 }).runNow();
  },
};
