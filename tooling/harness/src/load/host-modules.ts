import { isBuiltin } from "node:module";

/**
 * Modules the host provides to connectors instead of bundling them (PostHog's allowed imports, plus
 * `@connectors/plugin-api` for RetryError). `node:`-prefixed forms of the node built-ins are accepted,
 * and `aws-sdk/clients/<service>` for aws-sdk. The vendor SDKs are the real packages at the major
 * versions PostHog's plugin server shipped, their HTTP routed into the connector's fetch (see sdk/).
 */
export const HOST_MODULES: readonly string[] = [
  "@connectors/plugin-api",
  "@google-cloud/bigquery",
  "@google-cloud/pubsub",
  "@google-cloud/storage",
  "@posthog/plugin-contrib",
  "@posthog/plugin-scaffold",
  "crypto",
  "generic-pool",
  "node-fetch",
  "aws-sdk",
  "pg",
  "snowflake-sdk",
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

const AWS_SDK_CLIENT = /^aws-sdk\/clients\/[a-z0-9]+(?:\.js)?$/;

/** The host module name an import refers to (`node:zlib` -> `zlib`, `aws-sdk/clients/s3` as is, `pg/lib/x` -> undefined). */
export function hostModuleName(specifier: string): string | undefined {
  const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return HOST_MODULES.includes(name) || AWS_SDK_CLIENT.test(name) ? name : undefined;
}

/** PostHog's message for an import it does not provide, with our hint. */
export function forbiddenImportMessage(specifier: string): string {
  const hint = isBuiltin(specifier)
      ? ` Fix: connectors may only import ${HOST_MODULES.join(", ")}.`
      : ` Fix: add it to the connector's package.json dependencies so it is bundled, or import one of ${[...HOST_MODULES, ...TOOLKIT_PACKAGES].join(", ")}.`;
  return `Cannot import '${specifier}'! This package is not provided by PostHog in plugins.${hint}`;
}
