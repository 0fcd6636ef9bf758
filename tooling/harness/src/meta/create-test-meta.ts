import type { Logger, PluginMeta, PostHogExtension } from "@connectors/plugin-api";
import { MemoryCache } from "../backends/memory-cache.ts";
import { MemoryStorage } from "../backends/memory-storage.ts";
import { systemClock } from "../clock.ts";
import { createCacheExtension } from "./cache-extension.ts";
import { JobQueue, type QueuedJob } from "./job-queue.ts";
import { MetricsRegistry } from "./metrics.ts";
import { createStorageExtension, createUtilsExtension } from "./storage-extension.ts";

/** A meta for unit tests, plus the jobs its connector enqueued. */
export type TestMeta = PluginMeta & { enqueuedJobs: () => readonly QueuedJob[] };

/** The logger of a test meta: the current `console` (so a suite's `jest.spyOn(console, ...)` sees it). */
function consoleLogger(): Logger {
  const call = (level: "log" | "info" | "warn" | "error" | "debug") => (...args: unknown[]) => console[level](...args);
  return { log: call("log"), info: call("info"), warn: call("warn"), error: call("error"), debug: call("debug") };
}

/** `meta.posthog` of a test meta: whatever `globalThis.posthog` is when it is called (tests replace it). */
function globalPostHog(): PostHogExtension {
  const current = () => (globalThis as unknown as { posthog: PostHogExtension }).posthog;
  return {
    capture: (...args) => current().capture(...args),
    api: new Proxy({} as PostHogExtension["api"], { get: (_, method: keyof PostHogExtension["api"]) => (...args: unknown[]) => (current().api[method] as (...a: unknown[]) => unknown)(...args) }),
  };
}

/**
 * A complete `meta` for unit tests, as PostHog's plugin server provided it, backed by memory: `cache`
 * (get/set with TTL, incr, expire, lpush, lrange, llen, lpop, lrem), `storage` (get/set/del),
 * `utils.cursor`, `jobs` (recorded, see `enqueuedJobs()`), `metrics` (no `geoip` unless given: suites
 * of that era asserted that a meta without it fails clearly),
 * `global`, `config`, `attachments`, `logger` and `fetch` (the current `console` and `globalThis.fetch`,
 * so a suite's spies and `global.fetch = jest.fn()` take effect) and `posthog` (`globalThis.posthog`).
 */
export function createTestMeta(overrides: Partial<PluginMeta> = {}): TestMeta {
  const storage = new MemoryStorage();
  const enqueued: QueuedJob[] = [];
  const jobs = new JobQueue(systemClock, async () => undefined, { onEnqueue: (job) => enqueued.push(job) });
  const meta = {
    config: {},
    attachments: {},
    global: {},
    cache: createCacheExtension(new MemoryCache(systemClock), "@plugin/test/"),
    storage: createStorageExtension(storage, "test/"),
    utils: createUtilsExtension(storage, "test/"),
    jobs: jobs.createExtension(),
    metrics: new MetricsRegistry("test").createExtension(),
    fetch: (input: string | URL, init?: RequestInit) => globalThis.fetch(input, init),
    logger: consoleLogger(),
    posthog: globalPostHog(),
    enqueuedJobs: () => enqueued,
    ...overrides,
  };
  return meta as TestMeta;
}
