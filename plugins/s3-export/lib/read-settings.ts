/** The connector's config as plugin.json declares it (all strings). */
export interface S3Config {
  awsAccessKey?: string;
  awsSecretAccessKey?: string;
  s3BucketName?: string;
  awsRegion?: string;
  prefix?: string;
  uploadMinutes?: string;
  uploadMegabytes?: string;
  eventsToIgnore?: string;
  uploadFormat?: string;
  compression?: string;
  s3BucketEndpoint?: string;
  s3ForcePathStyle?: string;
  signatureVersion?: string;
  sse?: string;
  sseKmsKeyId?: string;
}

/** What setupPlugin derives from the config (the original's S3 client settings). */
export interface S3Settings {
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  /** Region to sign for: `awsRegion`, or `us-east-1` when only an endpoint is set. */
  region: string;
  /** Custom endpoint with a scheme, no trailing slash. */
  endpoint?: string;
  forcePathStyle: boolean;
  prefix: string;
  compression: "gzip" | "brotli" | "none";
  sse?: { algorithm: string; kmsKeyId?: string };
  eventsToIgnore: string[];
}

/**
 * Checks the config in the original's order and builds the client settings. No network call.
 *
 * @throws Error `AWS access key missing!`, `AWS secret access key missing!`, `AWS region must be set if config.s3BucketEndpoint is unset!`,
 *   `S3 bucket name missing!`, `AWS KMS encryption requested but no KMS key ID provided!`
 */
export function readSettings(config: S3Config): S3Settings {
  if (!config.awsAccessKey) throw new Error("AWS access key missing!");
  if (!config.awsSecretAccessKey) throw new Error("AWS secret access key missing!");
  if (!config.awsRegion && !config.s3BucketEndpoint) throw new Error("AWS region must be set if config.s3BucketEndpoint is unset!");
  if (!config.s3BucketName) throw new Error("S3 bucket name missing!");
  if (config.sse === "aws:kms" && !config.sseKmsKeyId) throw new Error("AWS KMS encryption requested but no KMS key ID provided!");
  const endpoint = config.s3BucketEndpoint ? (config.s3BucketEndpoint.includes("://") ? config.s3BucketEndpoint : `https://${config.s3BucketEndpoint}`).replace(/\/+$/, "") : undefined;
  const sse = config.sse && config.sse !== "disabled" ? { algorithm: config.sse, ...(config.sse === "aws:kms" ? { kmsKeyId: config.sseKmsKeyId! } : {}) } : undefined;
  return {
    accessKeyId: config.awsAccessKey,
    secretAccessKey: config.awsSecretAccessKey,
    bucket: config.s3BucketName,
    region: config.awsRegion || "us-east-1",
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: config.s3ForcePathStyle === "true",
    prefix: config.prefix ?? "",
    compression: config.compression === "gzip" ? "gzip" : config.compression === "brotli" ? "brotli" : "none",
    ...(sse ? { sse } : {}),
    eventsToIgnore: (config.eventsToIgnore ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
  };
}
