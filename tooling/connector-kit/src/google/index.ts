// What the Google Cloud connectors (gcs, snowflake-export's GCS stage) share. A subpath of its own so that
// only they bundle @connectors/google-auth.
export { parseCredentialsFile } from "./parse-credentials-file.ts";
