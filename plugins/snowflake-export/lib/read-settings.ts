import { parseCredentialsFile } from "@connectors/connector-kit/google";
import type { ServiceAccount } from "@connectors/google-auth";
import type { PluginAttachment } from "@posthog/plugin-scaffold";

/** The connector's config as plugin.json declares it. */
export interface SnowflakeConfig {
  account?: string;
  username?: string;
  password?: string;
  database?: string;
  dbschema?: string;
  table?: string;
  warehouse?: string;
  role?: string;
  copyCadenceMinutes?: string;
  stageToUse?: string;
  stage?: string;
  bucketName?: string;
  bucketPath?: string;
  purgeFromStage?: string;
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsRegion?: string;
  storageIntegrationName?: string;
  eventsToIgnore?: string;
  retryCopyIntoOperations?: string;
  debug?: string;
  forceCopy?: string;
}

/** What setupPlugin derives from config and attachment. */
export interface SnowflakeSettings {
  account: string;
  username: string;
  password: string;
  role?: string;
  /** Upper-cased identifiers. */
  db: string;
  schema: string;
  table: string;
  stage: string;
  warehouse: string;
  /** As configured, for the login request. */
  databaseName: string;
  schemaName: string;
  copyCadenceMinutes: number;
  purge: boolean;
  debug: boolean;
  force: boolean;
  retryCopy: boolean;
  bucketName: string;
  bucketPath: string;
  eventsToIgnore: string[];
  s3?: { accessKeyId: string; secretAccessKey: string; region: string };
  gcs?: { account: ServiceAccount; storageIntegrationName: string };
}

const REQUIRED = ["account", "username", "password", "dbschema", "table", "stage", "database", "bucketName", "warehouse"] as const;

/** `bucketPath` with a trailing `/` when non-empty and one leading `/` removed (undefined is `""`, fixed). */
export function parseBucketPath(bucketPath: string | undefined): string {
  let path = bucketPath ?? "";
  if (path && !path.endsWith("/")) path = `${path}/`;
  return path.startsWith("/") ? path.slice(1) : path;
}

/**
 * Checks the config in the original's order.
 *
 * @throws Error `Required config option <key> is missing!` (empty strings too), or the S3 / GCS stage messages
 */
export function readSettings(config: SnowflakeConfig, gcsCredentials: PluginAttachment | undefined): SnowflakeSettings {
  for (const key of REQUIRED) {
    if (config[key] === undefined || config[key] === null || config[key] === "") throw new Error(`Required config option ${key} is missing!`);
  }
  for (const key of ["stage", "warehouse"] as const) {
    // Both are written unquoted in the COPY statements, as in the original: keep them plain identifiers.
    if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(config[key]!)) throw new Error(`Config option ${key} must be a plain Snowflake identifier (letters, digits, _ and $), got ${JSON.stringify(config[key])}`);
  }
  const cadence = Number.parseInt(config.copyCadenceMinutes ?? "", 10);
  const settings: SnowflakeSettings = {
    account: config.account!,
    username: config.username!,
    password: config.password!,
    ...(config.role ? { role: config.role } : {}),
    db: config.database!.toUpperCase(),
    schema: config.dbschema!.toUpperCase(),
    table: config.table!.toUpperCase(),
    stage: config.stage!.toUpperCase(),
    warehouse: config.warehouse!.toUpperCase(),
    databaseName: config.database!,
    schemaName: config.dbschema!,
    copyCadenceMinutes: Number.isNaN(cadence) || cadence <= 0 ? 10 : cadence,
    purge: config.purgeFromStage === "Yes",
    debug: config.debug === "ON",
    force: config.forceCopy === "Yes",
    retryCopy: config.retryCopyIntoOperations !== "No",
    bucketName: config.bucketName!,
    bucketPath: parseBucketPath(config.bucketPath),
    eventsToIgnore: (config.eventsToIgnore ?? "").split(",").map((name) => name.trim()),
  };
  if (config.stageToUse === "S3") {
    if (!config.awsAccessKeyId || !config.awsSecretAccessKey || !config.awsRegion) {
      throw new Error("You must provide an AWS Access Key ID, Secret Access Key, bucket name, and bucket region to use the S3 stage.");
    }
    settings.s3 = { accessKeyId: config.awsAccessKeyId, secretAccessKey: config.awsSecretAccessKey, region: config.awsRegion };
  } else {
    if (!gcsCredentials) throw new Error("Credentials JSON file not provided!");
    const account = parseCredentialsFile(gcsCredentials);
    if (!config.storageIntegrationName) throw new Error("You must provide valid credentials and your storage integration name to use the GCS stage.");
    settings.gcs = { account, storageIntegrationName: config.storageIntegrationName };
  }
  return settings;
}
