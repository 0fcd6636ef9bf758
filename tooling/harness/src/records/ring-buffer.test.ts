import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { approximateBytes, cutText, textBytes } from "./approximate-bytes.ts";
import { RingBuffer } from "./ring-buffer.ts";

const cut = (text: string, max: number) => cutText(text, max, "…");

function textRing(maxEntries: number, maxBytes: number) {
  return new RingBuffer<string>({ maxEntries, maxBytes, measure: textBytes, truncate: cut });
}

describe("RingBuffer", () => {
  it("keeps the last maxEntries entries and counts the dropped ones, oldest first", () => {
    const ring = textRing(3, 1000);
    for (const word of ["a", "b", "c", "d", "e"]) ring.push(word);
    expect(ring.toArray()).toEqual(["c", "d", "e"]);
    expect({ dropped: ring.dropped, pushed: ring.pushed, length: ring.length, bytes: ring.bytes }).toEqual({ dropped: 2, pushed: 5, length: 3, bytes: 3 });
  });

  it("drops by bytes as well as by count", () => {
    const ring = textRing(100, 40);
    for (const word of ["a".repeat(10), "bbbb", "c".repeat(10), "d".repeat(10), "e".repeat(10)]) ring.push(word);
    expect(ring.toArray()).toEqual(["bbbb", "c".repeat(10), "d".repeat(10), "e".repeat(10)]);
    expect({ dropped: ring.dropped, bytes: ring.bytes }).toEqual({ dropped: 1, bytes: 34 });
  });

  it("cuts an entry larger than a quarter of the byte cap instead of dropping it, and says so", () => {
    const ring = textRing(10, 64);
    ring.push("x");
    const kept = ring.push("y".repeat(10 * 1024 * 1024));
    expect(kept).toBe(`${"y".repeat(13)}…`);
    ring.push("z");
    expect(ring.toArray()).toEqual(["x", kept, "z"]);
    expect({ truncated: ring.truncated, dropped: ring.dropped }).toEqual({ truncated: 1, dropped: 0 });
  });

  it("answers the entries pushed since a mark, even after the mark's entries were dropped", () => {
    const ring = textRing(3, 1000);
    ring.push("a");
    const mark = ring.pushed;
    for (const word of ["b", "c"]) ring.push(word);
    expect(ring.since(mark)).toEqual(["b", "c"]);
    for (const word of ["d", "e"]) ring.push(word);
    expect(ring.since(mark)).toEqual(["c", "d", "e"]);
    expect(ring.since(ring.pushed)).toEqual([]);
  });

  it("refuses limits below 1", () => {
    expect(() => textRing(0, 10)).toThrow(/at least 1/);
  });

  it("keeps exactly the newest entries that fit, for any pushes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 64 }), fc.array(fc.string({ maxLength: 80, unit: "grapheme" }), { maxLength: 3000 }), (maxEntries, maxBytes, pushes) => {
        const ring = textRing(maxEntries, maxBytes);
        const model: string[] = [];
        for (const text of pushes) {
          const kept = ring.push(text);
          expect(textBytes(kept)).toBeLessThanOrEqual(ring.entryCap);
          model.push(kept);
          while (model.length > maxEntries || model.reduce((sum, t) => sum + textBytes(t), 0) > maxBytes) model.shift();
        }
        expect(ring.toArray()).toEqual(model);
        expect(ring.bytes).toBe(model.reduce((sum, t) => sum + textBytes(t), 0));
        expect(ring.dropped + ring.length).toBe(pushes.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("cutText", () => {
  it("never exceeds the byte budget nor splits a character (fuzz)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), fc.integer({ min: 0, max: 300 }), (text, max) => {
        const out = cutText(text, max, " [cut]");
        expect(textBytes(out)).toBeLessThanOrEqual(max);
        expect(out.endsWith(" [cut]") || textBytes(" [cut]") > max).toBe(true);
        expect(text.startsWith(out.slice(0, -" [cut]".length)) || textBytes(" [cut]") > max).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("approximateBytes", () => {
  it("terminates on circular and deeply nested values", () => {
    const circular: Record<string, unknown> = { name: "abc" };
    circular.self = circular;
    expect(approximateBytes(circular)).toBe(3 + 4 + 4);
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(approximateBytes(deep)).toBe(4 + 100_000);
  });
});
