import type { SnowflakeSettings } from "./read-settings.ts";

/** `"NAME"` with inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with inner quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function tableName(s: SnowflakeSettings): string {
  return `${quoteIdentifier(s.db)}.${quoteIdentifier(s.schema)}.${quoteIdentifier(s.table)}`;
}

/** The CREATE TABLE run at setup. */
export function buildCreateTable(s: SnowflakeSettings): string {
  return `CREATE TABLE IF NOT EXISTS ${tableName(s)} ("UUID" STRING, "EVENT" STRING, "PROPERTIES" VARIANT, "ELEMENTS" VARIANT, "PEOPLE_SET" VARIANT, "PEOPLE_SET_ONCE" VARIANT, "DISTINCT_ID" STRING, "TEAM_ID" INTEGER, "IP" STRING, "SITE_URL" STRING, "TIMESTAMP" TIMESTAMP)`;
}

/** The CREATE STAGE run at setup (bucket root; `bucketPath` is part of the file names, not the URL). */
export function buildCreateStage(s: SnowflakeSettings): string {
  const stage = `${quoteIdentifier(s.db)}.${quoteIdentifier(s.schema)}.${quoteIdentifier(s.stage)}`;
  const bucket = s.bucketName.endsWith("/") ? s.bucketName : `${s.bucketName}/`;
  const format = "FILE_FORMAT = ( TYPE = 'CSV' SKIP_HEADER = 1 FIELD_DELIMITER = '|$|', ESCAPE = NONE, ESCAPE_UNENCLOSED_FIELD = NONE )";
  if (s.s3) {
    return (
      `CREATE STAGE IF NOT EXISTS ${stage} URL='s3://${bucket}' ${format} ` +
      `CREDENTIALS=(aws_key_id=${quoteString(s.s3.accessKeyId)} aws_secret_key=${quoteString(s.s3.secretAccessKey)}) ENCRYPTION=(type='AWS_SSE_KMS' kms_key_id = 'aws/key') ` +
      `COMMENT = 'S3 Stage used by the PostHog Snowflake export plugin';`
    );
  }
  return `CREATE STAGE IF NOT EXISTS ${stage} URL='gcs://${bucket}' ${format} STORAGE_INTEGRATION = ${s.gcs!.storageIntegrationName.toUpperCase()} COMMENT = 'GCS Stage used by the PostHog Snowflake export plugin';`;
}

/** `USE WAREHOUSE <W>;` then the COPY INTO for a list of staged files. */
export function buildCopy(s: SnowflakeSettings, files: string[]): [string, string] {
  return [
    `USE WAREHOUSE ${s.warehouse};`,
    `COPY INTO ${tableName(s)} FROM @${quoteIdentifier(s.db)}.${quoteIdentifier(s.schema)}.${s.stage} FILES = ( ${files.map(quoteString).join(",")} )${s.force ? " FORCE = true" : ""} ON_ERROR = 'skip_file' PURGE = ${s.purge};`,
  ];
}
