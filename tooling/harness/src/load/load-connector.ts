import { pathToFileURL } from "node:url";
import type { Plugin } from "@connectors/plugin-api";
import { PluginLoadError } from "../errors.ts";
import { bundleConnector, type ConnectorBundle } from "./bundle-connector.ts";
import { discoverExports } from "./discover-exports.ts";
import { evaluateBundle, type ConnectorGlobals } from "./evaluate-bundle.ts";
import { resolveConnectorSource, type ConnectorSource } from "./resolve-source.ts";
import type { SupplyLimits } from "../supply/supply-limits.ts";
import { tracerFor } from "../trace/tracer-for.ts";
import { attachTrace, type ConnectorTracer } from "../trace/source-location.ts";
import { loadSandboxedConnector } from "../sandbox/load-sandboxed.ts";
import type { SandboxOptions } from "../sandbox/sandbox-options.ts";
import { toPlugin } from "./to-plugin.ts";

/**
 * How the connector's code is loaded:
 * - `bundle` (default for trusted workspace packages; CLI, registry, conformance): bundled by esbuild
 *   and evaluated in-process with PostHog's globals (`fetch`, `posthog`, `console`, `RetryError`) and
 *   the host-module `require`;
 * - `import`: the entry file imported as a module (fast, keeps coverage in the connector's own tests;
 *   the connector must use `meta.fetch` / `meta.logger` / `meta.posthog` rather than globals);
 * - `sandbox` (default for everything else: installed, downloaded, folders outside the workspace):
 *   bundled, then run in its own V8 isolate (isolated-vm) with a per-call time budget, a memory limit
 *   and only bridged capabilities (see `LoadOptions.sandbox`).
 */
export type LoadMode = "bundle" | "import" | "sandbox";

/** A connector ready to be instantiated: one per source, any number of instances. */
export interface LoadedConnector {
  source: ConnectorSource;
  mode: LoadMode;
  bundle?: ConnectorBundle;
  /** Maps what the connector's code threw to its source (bundle and sandbox modes). */
  trace?: ConnectorTracer;
  /** Evaluates the code for one instance (bundle mode gets fresh module state per instance). */
  instantiate(globals: ConnectorGlobals): { plugin: Plugin; unknownExports: string[] };
}

function fromExports(slug: string, moduleExports: unknown, bare?: Record<string, unknown>) {
  const discovered = discoverExports(moduleExports, bare);
  return { plugin: toPlugin(slug, discovered.exports), unknownExports: discovered.unknown };
}

/** Options of {@link loadConnector}. */
export interface LoadOptions {
  mode?: LoadMode;
  /** An already-imported module (implies `import` mode): `await import("./index.ts")`. */
  module?: unknown;
  cwd?: string;
  /** Limits of `sandbox` mode (memory 384 MiB, 30 s per hook call by default). */
  sandbox?: SandboxOptions;
  /** Trust a package outside the workspace (bundle it with its dependencies from disk). Choosing `bundle` or `import` mode for it is trusting it too. */
  trust?: boolean;
  /** Caps on what the supply step reads. */
  limits?: Partial<SupplyLimits>;
}

/**
 * Loads a connector from a workspace slug, a directory, or a resolved source.
 *
 * @example
 * const loaded = await loadConnector("hello-world");
 * const connector = await createConnector(loaded, { config: { name: "Alice" } });
 * @throws ManifestError for a missing or invalid plugin.json
 * @throws PluginLoadError for a missing entry file, a syntax error, a forbidden import, or no hooks
 */
export async function loadConnector(target: string | ConnectorSource, options: LoadOptions = {}): Promise<LoadedConnector> {
  const trust = options.trust === true || options.mode === "bundle" || options.mode === "import";
  const source = typeof target === "string" ? await resolveConnectorSource(target, options.cwd, { trust, ...(options.limits ? { limits: options.limits } : {}) }) : target;
  if (options.module !== undefined) {
    const result = fromExports(source.slug, options.module);
    return { source, mode: "import", instantiate: () => result };
  }
  const mode = options.mode ?? (source.snapshot.trusted ? "bundle" : "sandbox");
  if (mode === "import") {
    if (!source.dir) throw new PluginLoadError(`Cannot import ${source.entryFile}: the package is not on disk. Fix: load it in bundle or sandbox mode`);
    let module: unknown;
    try {
      module = await import(pathToFileURL(source.entryFile).href);
    } catch (error) {
      throw new PluginLoadError(`Cannot import ${source.entryFile}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const result = fromExports(source.slug, module);
    return { source, mode: "import", instantiate: () => result };
  }
  const bundle = await bundleConnector(source.snapshot, options.limits ? { limits: options.limits } : {});
  const trace = tracerFor(source, bundle);
  if (mode === "sandbox") return loadSandboxedConnector(source, bundle, options.sandbox, trace);
  return {
    source,
    mode: "bundle",
    bundle,
    trace,
    instantiate(globals) {
      let evaluated;
      try {
        evaluated = evaluateBundle(bundle.code, source.entryFile, globals);
      } catch (error) {
        throw error instanceof PluginLoadError ? attachTrace(error, trace(error.cause)) : error;
      }
      return fromExports(source.slug, evaluated.moduleExports, evaluated.bare);
    },
  };
}
