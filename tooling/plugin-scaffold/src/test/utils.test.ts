import { describe, expect, it } from "vitest";
import { clone, createCache, createEvent, createIdentify, createPageview, getMeta, resetMeta } from "./utils.ts";

describe("@posthog/plugin-scaffold/test/utils (1.4.x API)", () => {
  it("builds scaffold's events", () => {
    expect(createEvent({ event: "x" })).toEqual({
      distinct_id: "007",
      ip: "127.128.129.130",
      site_url: "http://localhost:8000/",
      team_id: 13,
      now: "2020-11-26T12:58:57.367Z",
      event: "x",
      sent_at: "2020-11-26T12:58:58.453Z",
    });
    expect(createPageview()).toMatchObject({ event: "$pageview", properties: { $current_url: "http://localhost:8000/instance/status", $browser_version: 86 } });
    expect(createPageview()).not.toHaveProperty("uuid");
    expect(createIdentify()).toMatchObject({ event: "$identify", $set: { email: "test@posthog.com" } });
    expect(createIdentify()).not.toHaveProperty("properties");
  });

  it("clones through JSON", () => {
    const original = { a: { b: [1] }, f: () => 1 };
    const copy = clone(original);
    expect(copy).toEqual({ a: { b: [1] } });
    expect(copy.a).not.toBe(original.a);
  });

  it("keeps one meta until resetMeta, with a get/set cache", async () => {
    const meta = resetMeta({ config: { greeting: "hi" } });
    expect(getMeta()).toBe(meta);
    expect(meta).toMatchObject({ config: { greeting: "hi" }, global: {}, attachments: {} });
    meta.cache.set("n", 0);
    expect(await meta.cache.get("n", 5)).toBe(0);
    expect(await meta.storage.get("missing", "d")).toBe("d");
    expect(resetMeta()).not.toBe(meta);
    expect(await getMeta().cache.get("n", "reset")).toBe("reset");
    const cache = createCache();
    cache.set("k", { v: 1 });
    expect(await cache.get("k")).toEqual({ v: 1 });
  });
});
