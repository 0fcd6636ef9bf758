import type { ClientConfig } from "pg";

/** The connector's config as plugin.json declares it (all strings). */
export interface RedshiftConfig {
  clusterHost?: string;
  clusterPort?: string;
  dbName?: string;
  tableName?: string;
  dbUsername?: string;
  dbPassword?: string;
  uploadSeconds?: string;
  uploadMegabytes?: string;
  eventsToIgnore?: string;
  propertiesDataType?: "varchar" | "super";
}

/** What setupPlugin derives from the config and keeps in `meta.global`. */
export interface RedshiftSettings {
  client: ClientConfig;
  table: string;
  propertiesDataType: "varchar" | "super";
  eventsToIgnore: string[];
  /** Computed as the original did; the host's export buffer decides batch size and timing. */
  uploadMegabytes: number;
  uploadSeconds: number;
}

const REQUIRED = ["clusterHost", "clusterPort", "dbName", "dbUsername", "dbPassword"] as const;
export const CONNECT_TIMEOUT_MS = 5_000;
export const QUERY_TIMEOUT_MS = 20_000;

/** Removes every character other than letters, digits, `_` and `.` (`my-table;drop` -> `mytabledrop`). */
export function sanitizeTableName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]+/g, "");
}

function clampInt(raw: string | undefined, fallback: number, min: number, max: number): number {
  const value = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/**
 * Reads and checks the config.
 *
 * @throws Error `Required config option <key> is missing!`, `Cluster host must be a valid AWS Redshift host`
 */
export function readSettings(config: RedshiftConfig): RedshiftSettings {
  for (const key of REQUIRED) {
    if (config[key] === undefined || config[key] === null || config[key] === "") throw new Error(`Required config option ${key} is missing!`);
  }
  if (!config.clusterHost!.endsWith("redshift.amazonaws.com")) throw new Error("Cluster host must be a valid AWS Redshift host");
  const port = Number.parseInt(config.clusterPort!, 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Config option clusterPort must be a TCP port number (1-65535), got ${JSON.stringify(config.clusterPort)}`);
  const table = sanitizeTableName(config.tableName ?? "posthog_event");
  if (!table) throw new Error(`Config option tableName ${JSON.stringify(config.tableName)} has no letters, digits, "_" or "." left after sanitising; use a name like posthog_event`);
  return {
    client: {
      host: config.clusterHost!,
      port,
      database: config.dbName!,
      user: config.dbUsername!,
      password: config.dbPassword!,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    },
    table,
    propertiesDataType: config.propertiesDataType === "super" ? "super" : "varchar",
    eventsToIgnore: (config.eventsToIgnore ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    uploadMegabytes: clampInt(config.uploadMegabytes, 1, 1, 10),
    uploadSeconds: clampInt(config.uploadSeconds, 1, 1, 600),
  };
}
