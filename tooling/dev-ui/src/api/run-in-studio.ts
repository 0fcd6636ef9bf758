import { ConfigError, SCHEDULED_TASKS, type PluginAttachment, type ScheduledTaskName } from "@connectors/plugin-api";
import { FetchInterceptor, MemoryCache, MemoryStorage, createConnector, type Connector, type LoadMode, type MockResponse, type TracedError } from "@connectors/harness";

/** A run request from the page. */
export interface StudioRunRequest {
  dir: string;
  hook: string;
  config: Record<string, unknown>;
  event?: unknown;
  attachments?: Record<string, { file_name: string; content_type?: string; base64: string }>;
  responses?: Array<{ method: string; url: string } & MockResponse>;
  sandbox?: boolean;
  timeoutMs?: number;
}

function decodeAttachments(raw: StudioRunRequest["attachments"] = {}): Record<string, PluginAttachment> {
  return Object.fromEntries(Object.entries(raw).map(([key, a]) => [key, { file_name: a.file_name, content_type: a.content_type ?? "application/octet-stream", contents: Buffer.from(a.base64, "base64") }]));
}

async function invoke(connector: Connector, hook: string, event: unknown): Promise<unknown> {
  if (hook === "processEvent") return connector.processEvent(event as never);
  if (hook === "onEvent") return connector.onEvent(event as never).then(() => connector.flushExports()).then(() => null);
  if (hook === "composeWebhook") return (await connector.composeWebhook(event as never)).webhook;
  if ((SCHEDULED_TASKS as readonly string[]).includes(hook)) return connector.runTask(hook as ScheduledTaskName).then(() => null);
  throw new Error(`the studio cannot run hook "${hook}"`);
}

async function dump(cache: MemoryCache, storage: MemoryStorage): Promise<{ cache: Record<string, string | null>; storage: Record<string, string | undefined> }> {
  const cacheKeys = await cache.keys("");
  const storageKeys = await storage.keys("");
  return {
    cache: Object.fromEntries(await Promise.all(cacheKeys.map(async (k) => [k, await cache.get(k).catch(() => "(list)")]))),
    storage: Object.fromEntries(await Promise.all(storageKeys.map(async (k) => [k, await storage.get(k)]))),
  };
}

/**
 * Runs one hook the way the CLI does and returns everything the page shows: output, logs (with
 * levels and timestamps), requests (secrets redacted), captured events, storage and cache, timing,
 * or the error (config errors with their issues for inline display).
 */
export async function runInStudio(request: StudioRunRequest) {
  const cache = new MemoryCache();
  const storage = new MemoryStorage();
  const interceptor = new FetchInterceptor();
  for (const { method, url, ...response } of request.responses ?? []) interceptor.on(method, url, response);
  const started = performance.now();
  let connector: Connector | undefined;
  try {
    connector = await createConnector(request.dir, {
      config: request.config,
      attachments: decodeAttachments(request.attachments),
      cache,
      storage,
      fetch: interceptor,
      timeoutMs: request.timeoutMs ?? 30_000,
      // Workspace connectors run in-process unless asked; folders opened from elsewhere always run in the sandbox.
      load: request.sandbox ? { mode: "sandbox" as LoadMode } : {},
    });
    const output = await invoke(connector, request.hook, request.event === undefined ? undefined : structuredClone(request.event));
    await connector.teardown();
    return { ok: true as const, hook: request.hook, output: output ?? null, dropped: request.hook === "processEvent" && output === null, ...(await report(connector, cache, storage)), ms: performance.now() - started };
  } catch (error) {
    const issues = error instanceof ConfigError ? error.issues : undefined;
    const traced = error as TracedError;
    const where = traced?.location ? { location: traced.location, stack: traced.connectorStack ?? [], ...(traced.codeFrame ? { codeFrame: traced.codeFrame } : {}) } : {};
    const base = { ok: false as const, hook: request.hook, error: { name: (error as Error).name ?? "Error", message: error instanceof Error ? error.message : String(error), issues, ...where }, ms: performance.now() - started };
    return connector ? { ...base, ...(await report(connector, cache, storage)) } : base;
  }
}

async function report(connector: Connector, cache: MemoryCache, storage: MemoryStorage) {
  return {
    logs: connector.logs,
    requests: connector.requests,
    captured: connector.captured,
    errors: connector.errors,
    pendingJobs: connector.jobs.pending.map((j) => ({ name: j.name, runAt: new Date(j.runAt).toISOString() })),
    ...(await dump(cache, storage)),
  };
}
