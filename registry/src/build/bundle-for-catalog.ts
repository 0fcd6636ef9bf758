import { getConnectorSandbox, loadConnector } from "@connectors/harness";
import type { ConnectorCapabilities } from "@connectors/registry-client";
import { deriveCapabilities } from "./derive-capabilities.ts";

/** A connector as it is published: the single-file bundle and what its exports can do. */
export interface CatalogBundleCode {
  code: string;
  capabilities: ConnectorCapabilities;
  /** Files that went into the bundle, relative to the connector directory. */
  inputs?: string[];
}

const refuse = (what: string) => () => {
  throw new Error(`${what} is not available while the registry inspects a connector's exports`);
};

/**
 * Bundles a connector exactly as the harness ships it (esbuild, one CommonJS file, host modules
 * left as `require`, forbidden imports refused) and reads its capabilities by evaluating the bundle
 * once **inside the sandbox** (its own V8 isolate, inert globals), never in the registry's own realm:
 * connector code is untrusted. This is the registry's only coupling to bundling: it delegates to
 * `@connectors/harness` so the allowed-imports rules live in one place.
 *
 * @throws PluginLoadError (from the harness) for a syntax error, a forbidden import, top-level code
 * that throws, or no hooks
 */
export async function bundleForCatalog(dir: string): Promise<CatalogBundleCode> {
  const loaded = await loadConnector(dir, { mode: "sandbox" });
  const { plugin } = loaded.instantiate({
    require: refuse("require"),
    fetch: refuse("fetch") as never,
    posthog: new Proxy({}, { get: refuse("posthog") }) as never,
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} } as never,
  });
  try {
    return { code: loaded.bundle!.code, capabilities: deriveCapabilities(plugin), inputs: loaded.bundle!.inputs };
  } finally {
    getConnectorSandbox(plugin)?.dispose();
  }
}
