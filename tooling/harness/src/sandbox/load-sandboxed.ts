import type { Plugin } from "@connectors/plugin-api";
import type { ConnectorBundle } from "../load/bundle-connector.ts";
import type { LoadedConnector } from "../load/load-connector.ts";
import type { ConnectorSource } from "../load/resolve-source.ts";
import { toPlugin } from "../load/to-plugin.ts";
import { jobHookLabel } from "../run/job-hook-label.ts";
import { PluginLoadError } from "../errors.ts";
import { attachTrace, type ConnectorTracer } from "../trace/source-location.ts";
import { tracerFor } from "../trace/tracer-for.ts";
import { buildPrelude } from "./build-prelude.ts";
import { ConnectorSandbox, type ExportDescriptor, type SandboxExports } from "./connector-sandbox.ts";
import type { SandboxHandle } from "./sandbox-handle.ts";
import type { SandboxOptions } from "./sandbox-options.ts";

const sandboxes = new WeakMap<Plugin, SandboxHandle>();

/**
 * The sandbox behind a plugin loaded in `sandbox` mode (undefined for other modes): its limits,
 * stats, `dispose()`, and the batched `processEventBatch(events, meta)` throughput path.
 *
 * @example
 * const connector = await createConnector(await loadConnector("hello-world", { mode: "sandbox" }));
 * await connector.setup();
 * const out = await getConnectorSandbox(connector.plugin)!.processEventBatch(events, connector.meta);
 */
export function getConnectorSandbox(plugin: Plugin): ConnectorSandbox | undefined {
  const sandbox = sandboxes.get(plugin);
  return sandbox instanceof ConnectorSandbox ? sandbox : undefined;
}

/** The sandbox behind a plugin loaded in `sandbox` mode wherever its isolate lives (this process or a pool's sandbox process). */
export function getSandboxHandle(plugin: Plugin): SandboxHandle | undefined {
  return sandboxes.get(plugin);
}

function toExport(sandbox: SandboxHandle, name: string, descriptor: ExportDescriptor): unknown {
  if (descriptor.kind === "function") return (...args: unknown[]) => sandbox.call(name, [name], args);
  if (descriptor.kind === "value") return descriptor.value;
  return Object.fromEntries(
    Object.entries(descriptor.jobs).map(([job, d]) => [job, d.kind === "function" ? (...args: unknown[]) => sandbox.call(jobHookLabel(job), ["jobs", job], args) : d.kind === "value" ? d.value : undefined]),
  );
}

/** The plugin whose hooks call into `sandbox` (registered for {@link getSandboxHandle}). */
export function toSandboxPlugin(slug: string, sandbox: SandboxHandle, found: SandboxExports): { plugin: Plugin; unknownExports: string[] } {
  const exports = Object.fromEntries(Object.entries(found.exports).map(([name, descriptor]) => [name, toExport(sandbox, name, descriptor)]));
  const plugin = toPlugin(slug, exports);
  sandboxes.set(plugin, sandbox);
  return { plugin, unknownExports: found.unknown };
}

/**
 * A connector in `sandbox` mode: each instance gets its own isolate (memory limit, per-call time
 * budget), evaluates the esbuild bundle there, and talks to the host only through copies.
 */
export async function loadSandboxedConnector(source: ConnectorSource, bundle: ConnectorBundle, options: SandboxOptions = {}, trace: ConnectorTracer = tracerFor(source, bundle)): Promise<LoadedConnector> {
  const prelude = await buildPrelude();
  return {
    source,
    mode: "sandbox",
    bundle,
    trace,
    instantiate(globals) {
      let created;
      try {
        created = ConnectorSandbox.create(source, bundle.code, prelude, globals, options);
      } catch (error) {
        throw error instanceof PluginLoadError ? attachTrace(error, trace(error.cause)) : error;
      }
      const { sandbox, exports } = created;
      try {
        return toSandboxPlugin(source.slug, sandbox, exports);
      } catch (error) {
        sandbox.dispose();
        throw error;
      }
    },
  };
}
