import * as crypto from "node:crypto";
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import * as url from "node:url";
import * as zlib from "node:zlib";
import { RetryError, isRetryError, type PluginFetch } from "@connectors/plugin-api";
import type { Clock } from "../clock.ts";
import { PluginLoadError } from "../errors.ts";
import { Headers as NodeFetchHeaders } from "../compat/node-fetch.ts";
import { createNodeFetch } from "../compat/node-fetch-v2.ts";
import { createBuffer } from "./plugin-contrib.ts";
import { forbiddenImportMessage, hostModuleName } from "./host-modules.ts";
import { ConnectorSdks, isSdkModule } from "../sdk/sdk-modules.ts";
import { SdkScope } from "../sdk/sdk-scope.ts";

const nodeRequire = createRequire(import.meta.url);

/** What the host modules are wired to for one connector instance. */
export interface HostModuleContext {
  fetch: PluginFetch;
  clock: Clock;
  /** Routes the vendor SDKs' HTTP to `fetch` (created for the instance when absent). */
  sdk?: SdkScope;
  /** Told about every `@posthog/plugin-contrib` buffer the connector creates (flushed at teardown). */
  onBuffer?: (buffer: { flush(): Promise<void> }) => void;
}

function fetchModule(fetch: PluginFetch): unknown {
  return createNodeFetch({ fetch, Headers: NodeFetchHeaders, Request, Response, toBuffer: (bytes) => Buffer.from(bytes) });
}

/**
 * The `require` a bundled connector gets: the allowed host modules, wired to this instance's fetch
 * and clock. Anything else throws PostHog's "Cannot import" error.
 */
export function createHostRequire(context: HostModuleContext): (specifier: string) => unknown {
  const scope = context.sdk ?? new SdkScope(context.fetch);
  const sdks = new ConnectorSdks(scope);
  // A buffer flush runs on the clock, outside any hook call: it enters the connector's SDK scope itself.
  const contribBuffer = (options: Parameters<typeof createBuffer>[0]) => {
    const buffer = createBuffer({ ...options, ...(options.onFlush ? { onFlush: (batch: unknown[]) => scope.enter(() => options.onFlush!(batch)) } : {}) }, context.clock);
    context.onBuffer?.(buffer);
    return buffer;
  };
  const modules = new Map<string, () => unknown>([
    ["crypto", () => crypto],
    ["url", () => url],
    ["zlib", () => zlib],
    ["stream", () => ({ PassThrough })],
    ["node-fetch", () => fetchModule(context.fetch)],
    ["@posthog/plugin-scaffold", () => ({ RetryError })],
    ["@connectors/plugin-api", () => ({ RetryError, isRetryError })],
    ["@posthog/plugin-contrib", () => ({ createBuffer: contribBuffer })],
    ["generic-pool", () => nodeRequire("generic-pool")],
    ["pg", () => nodeRequire("pg")],
  ]);
  const loaded = new Map<string, unknown>();
  return (specifier) => {
    const name = hostModuleName(specifier);
    const factory = name ? (modules.get(name) ?? (isSdkModule(name) ? () => sdks.require(name) : undefined)) : undefined;
    if (!name || !factory) throw new PluginLoadError(forbiddenImportMessage(specifier));
    if (!loaded.has(name)) loaded.set(name, factory());
    return loaded.get(name);
  };
}
