import { fileURLToPath } from "node:url";

/** The directory holding the legacy connectors (one folder each, PostHog layout: plugin.json + main file). */
export const LEGACY_CONNECTORS_DIR = fileURLToPath(new URL("../connectors/", import.meta.url));

/** The legacy connectors that run, by folder name. */
export const LEGACY_CONNECTORS = [
  "currency-normalization",
  "downsampling-ts",
  "engage-onevent",
  "follower-count",
  "geoip-enrich",
  "heartbeat-bare",
  "hello-world-cjs",
  "jobs-metrics-cursor",
  "patterns-export",
  "taxonomy-batch",
  "url-normalizer-default",
  "webhook-compose",
] as const;

/** Legacy connectors that must fail to load, with the cause each one has. */
export const BROKEN_LEGACY_CONNECTORS = {
  "bad-exports-nothing": "exports nothing runnable",
  "bad-forbidden-import": "imports child_process",
  "bad-syntax-error": "has a syntax error",
} as const;

/** Absolute path of one legacy connector's folder. */
export function legacyConnectorDir(name: string): string {
  return `${LEGACY_CONNECTORS_DIR}${name}`;
}
