import { describe, expect, it } from "vitest";
import { RecordCache } from "./record-cache.ts";

describe("RecordCache", () => {
  it("keeps at most max records, dropping the least recently used", () => {
    const cache = new RecordCache<string>(2);
    cache.set(1, "a");
    cache.set(2, "b");
    expect(cache.get(1)).toBe("a"); // 1 is now the most recent
    cache.set(3, "c");
    expect([cache.get(1), cache.get(2), cache.get(3), cache.size]).toEqual(["a", undefined, "c", 2]);
  });

  it("replaces a record set again without growing", () => {
    const cache = new RecordCache<string>(2);
    cache.set(1, "a");
    cache.set(1, "b");
    expect([cache.get(1), cache.size]).toEqual(["b", 1]);
  });
});
