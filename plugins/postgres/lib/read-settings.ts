import type { ClientConfig } from "pg";

/** The connector's config as plugin.json declares it (all strings). */
export interface PostgresConfig {
  hasSelfSignedCert?: "Yes" | "No";
  databaseUrl?: string;
  host?: string;
  port?: string;
  dbName?: string;
  tableName?: string;
  dbUsername?: string;
  dbPassword?: string;
  eventsToIgnore?: string;
}

/** What setupPlugin derives from the config and keeps in `meta.global`. */
export interface PostgresSettings {
  client: ClientConfig;
  table: string;
  eventsToIgnore: string[];
}

const REQUIRED_WITHOUT_URL = ["host", "port", "dbName", "dbUsername", "dbPassword"] as const;
/** Connecting gives up after this long, so an unreachable server fails the attempt instead of hanging it. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** A statement gives up after this long. */
export const QUERY_TIMEOUT_MS = 20_000;

/** Letters, digits and `_` only (dots are removed too, unlike the Redshift connector). */
export function sanitizeTableName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "");
}

/**
 * Reads and checks the config. TLS is always requested and the certificate verified unless
 * `hasSelfSignedCert` is "Yes"; parameters in `databaseUrl` (e.g. `?sslmode=disable`) win, as in node-postgres.
 *
 * @throws Error `Required config option <key> is missing!` without `databaseUrl`, or for an unusable table name / port
 */
export function readSettings(config: PostgresConfig): PostgresSettings {
  const ssl = { rejectUnauthorized: config.hasSelfSignedCert !== "Yes" };
  const timeouts = { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS };
  let client: ClientConfig;
  if (config.databaseUrl) {
    client = { connectionString: config.databaseUrl, ssl, ...timeouts };
  } else {
    for (const key of REQUIRED_WITHOUT_URL) {
      const value = config[key];
      if (value === undefined || value === null || (key === "host" && value === "")) throw new Error(`Required config option ${key} is missing!`);
    }
    const port = Number.parseInt(config.port!, 10);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Config option port must be a TCP port number (1-65535), got ${JSON.stringify(config.port)}`);
    client = { host: config.host!, port, database: config.dbName!, user: config.dbUsername!, password: config.dbPassword!, ssl, ...timeouts };
  }
  const table = sanitizeTableName(config.tableName ?? "posthog_event");
  if (!table) throw new Error(`Config option tableName ${JSON.stringify(config.tableName)} has no letters, digits or "_" left after sanitising; use a name like posthog_event`);
  const eventsToIgnore = (config.eventsToIgnore ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return { client, table, eventsToIgnore };
}
