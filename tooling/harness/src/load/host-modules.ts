import { isBuiltin } from "node:module";

/**
 * Modules the host provides to connectors instead of bundling them (PostHog's allowed imports, plus
 * `@connectors/plugin-api` for RetryError). `node:`-prefixed forms of the node built-ins are accepted.
 */
export const HOST_MODULES: readonly string[] = [
  "@connectors/plugin-api",
  "@posthog/plugin-contrib",
  "@posthog/plugin-scaffold",
  "crypto",
  "generic-pool",
  "node-fetch",
  "pg",
  "stream",
  "url",
  "zlib",
];

/**
 * The trusted toolkit: workspace libraries connectors may import (`@connectors/connector-kit` with its
 * `/pg` and `/google` subpaths, `@connectors/aws-sigv4`, `@connectors/google-auth`). They are bundled
 * into the connector from the harness's own installation, never from the connector's package, so a
 * downloaded connector cannot substitute its own copy.
 */
export const TOOLKIT_PACKAGES: readonly string[] = ["@connectors/connector-kit", "@connectors/aws-sigv4", "@connectors/google-auth"];

/** The toolkit package an import refers to (`@connectors/connector-kit/pg` -> `@connectors/connector-kit`). */
export function toolkitPackageName(specifier: string): string | undefined {
  return TOOLKIT_PACKAGES.find((name) => specifier === name || specifier.startsWith(`${name}/`));
}

/** Modules PostHog provided that this harness deliberately does not (connectors use REST via fetch). */
export const UNSUPPORTED_SDKS: Readonly<Record<string, string>> = {
  "aws-sdk": "use the AWS REST API through fetch with SigV4 signing",
  "snowflake-sdk": "use the Snowflake SQL API through fetch",
  "@google-cloud/bigquery": "use the BigQuery REST API through fetch",
  "@google-cloud/pubsub": "use the Pub/Sub REST API through fetch",
  "@google-cloud/storage": "use the Cloud Storage JSON API through fetch",
};

/** The host module name an import refers to (`node:zlib` -> `zlib`, `pg/lib/x` -> undefined). */
export function hostModuleName(specifier: string): string | undefined {
  const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return HOST_MODULES.includes(name) ? name : undefined;
}

/** PostHog's message for an import it does not provide, with our hint. */
export function forbiddenImportMessage(specifier: string): string {
  const sdk = UNSUPPORTED_SDKS[specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")];
  const hint = sdk
    ? ` Fix: ${sdk}.`
    : isBuiltin(specifier)
      ? ` Fix: connectors may only import ${HOST_MODULES.join(", ")}.`
      : ` Fix: add it to the connector's package.json dependencies so it is bundled, or import one of ${[...HOST_MODULES, ...TOOLKIT_PACKAGES].join(", ")}.`;
  return `Cannot import '${specifier}'! This package is not provided by PostHog in plugins.${hint}`;
}
