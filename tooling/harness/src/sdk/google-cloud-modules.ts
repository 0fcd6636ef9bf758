import { createRequire } from "node:module";

const nodeRequire = createRequire(import.meta.url);

/** The Google Cloud client packages PostHog gave plugins, and the class each one's users construct. */
export const GOOGLE_CLOUD_PACKAGES = {
  "@google-cloud/bigquery": "BigQuery",
  "@google-cloud/storage": "Storage",
  "@google-cloud/pubsub": "PubSub",
} as const;

export type GoogleCloudPackage = keyof typeof GOOGLE_CLOUD_PACKAGES;

/** Options that would make a client read the host's files or environment for credentials. */
const HOST_CREDENTIAL_OPTIONS = ["keyFilename", "keyFile", "authClient"] as const;

/** Thrown when a Google client would fall back to the host's credentials. */
export class GoogleCredentialsError extends Error {
  constructor(pkg: string, reason: string) {
    super(`${pkg}: ${reason}. Fix: pass the service account key as \`credentials\` (its JSON: { client_email, private_key }) and a \`projectId\`, e.g. from an attachment; connectors never use the host's Google credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud, the metadata server).`);
    this.name = "GoogleCredentialsError";
  }
}

/**
 * The options a connector's Google client is really built with: credentials must be given inline
 * (never the host's files, environment or metadata server), and Pub/Sub speaks REST over HTTP/1.1
 * instead of gRPC so its requests go through the connector's fetch like every other SDK's.
 */
export function googleClientOptions(pkg: GoogleCloudPackage, options: Record<string, unknown> | undefined): Record<string, unknown> {
  const given = { ...(options ?? {}) };
  for (const name of HOST_CREDENTIAL_OPTIONS) {
    if (given[name] !== undefined) throw new GoogleCredentialsError(pkg, `the \`${name}\` option is not supported`);
  }
  const credentials = given.credentials as { client_email?: unknown; private_key?: unknown } | undefined;
  if (!credentials || typeof credentials !== "object") throw new GoogleCredentialsError(pkg, "no `credentials` were given");
  return pkg === "@google-cloud/pubsub" ? { ...given, fallback: "rest" } : given;
}

/**
 * A Google Cloud package (the real one) as a connector sees it: the same exports, with the client
 * class wrapped so its options go through {@link googleClientOptions}. Its HTTP goes wherever the
 * active SdkRoute sends it (the connector's harness fetch).
 */
export function createGoogleCloudModule(pkg: GoogleCloudPackage): Record<string, unknown> {
  const real = nodeRequire(pkg) as Record<string, unknown>;
  const name = GOOGLE_CLOUD_PACKAGES[pkg];
  const Client = real[name] as new (options?: Record<string, unknown>) => object;
  const Wrapped = function (this: unknown, options?: Record<string, unknown>) {
    return new Client(googleClientOptions(pkg, options));
  };
  Wrapped.prototype = Client.prototype;
  Object.setPrototypeOf(Wrapped, Client);
  return { ...real, [name]: Wrapped, default: { ...real, [name]: Wrapped } };
}
