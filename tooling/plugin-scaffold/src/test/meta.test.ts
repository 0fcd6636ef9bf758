import { afterEach, describe, expect, it, vi } from "vitest";
import { createCache, getMeta, resetMeta } from "./utils.ts";

describe("getMeta / resetMeta: what scaffold 1.4.4 plus the plugin server provided", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("has the server's cache (TTL, incr, expire, lists), storage.del and utils.cursor", async () => {
    const meta = resetMeta({ config: { a: "1" } });
    expect(meta.config).toEqual({ a: "1" });
    expect(await meta.cache.incr("n")).toBe(1);
    expect(await meta.cache.incr("n")).toBe(2);
    expect(await meta.cache.expire("n", 60)).toBe(true);
    expect(await meta.cache.lpush("l", ["a", "b"])).toBe(2);
    expect(await meta.cache.lrange("l", 0, -1)).toEqual(["b", "a"]);
    await meta.cache.set("k", { deep: [1] }, 10);
    expect(await meta.cache.get("k", null)).toEqual({ deep: [1] });
    await meta.storage.set("s", 5);
    await meta.storage.del("s");
    expect(await meta.storage.get("s", "gone")).toBe("gone");
    await meta.utils.cursor.init("c", 10);
    expect(await meta.utils.cursor.increment("c", 5)).toBe(15);
    expect(getMeta()).toBe(meta);
  });

  it("routes fetch, logger and posthog through the globals a suite replaces, records jobs, and has no geoip", async () => {
    const fetch = vi.fn(async () => new Response("ok"));
    vi.stubGlobal("fetch", fetch);
    const capture = vi.fn();
    vi.stubGlobal("posthog", { capture, api: {} });
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const meta = resetMeta();
    await meta.fetch("https://api.example.com/x", { method: "POST" });
    meta.logger.info("hello", 1);
    await meta.posthog.capture("evt", { a: 1 });
    await meta.jobs.retry({ id: 1 }).runIn(5, "seconds");
    expect(fetch).toHaveBeenCalledWith("https://api.example.com/x", { method: "POST" });
    expect(info).toHaveBeenCalledWith("hello", 1);
    expect(capture).toHaveBeenCalledWith("evt", { a: 1 });
    expect(meta.enqueuedJobs().map((job: { name: string; payload: unknown }) => [job.name, job.payload])).toEqual([["retry", { id: 1 }]]);
    expect(meta.geoip).toBeUndefined();
    expect(resetMeta({ cache: createCache() }).cache.incr).toBeUndefined();
  });
});
