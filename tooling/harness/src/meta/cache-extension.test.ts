import { describe, expect, it } from "vitest";
import { MemoryCache } from "../backends/memory-cache.ts";
import { createCacheExtension } from "./cache-extension.ts";

describe("meta.cache.get", () => {
  it("returns the default only for a missing key: a stored null stays null, invalid JSON reads as null", async () => {
    const backend = new MemoryCache();
    const cache = createCacheExtension(backend, "@plugin/p/2/");
    await cache.set("stored-null", null);
    await backend.set("@plugin/p/2/broken", "{not json");
    expect(await cache.get("missing", "dflt")).toBe("dflt");
    expect(await cache.get("stored-null", "dflt")).toBeNull();
    expect(await cache.get("broken", "dflt")).toBeNull();
    expect(await cache.get("broken", "dflt", { jsonSerialize: false })).toBe("{not json");
  });
});
