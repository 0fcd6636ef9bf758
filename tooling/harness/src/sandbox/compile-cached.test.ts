import ivm from "isolated-vm";
import { describe, expect, it } from "vitest";
import { compileCached } from "./compile-cached.ts";

describe("compileCached (V8 code cache shared across isolates)", () => {
  it("compiles the same source in a second isolate from the first one's cache, with the same behaviour", () => {
    const code = `globalThis.answer = (${Math.random()} > 2 ? 0 : 42) + [1, 2, 3].reduce((a, b) => a + b, 0);`;
    const first = new ivm.Isolate({ memoryLimit: 16 });
    const second = new ivm.Isolate({ memoryLimit: 16 });
    try {
      const made = compileCached(first, code, "a.js");
      expect((made as any).cachedData).toBeDefined();
      const reused = compileCached(second, code, "a.js");
      expect((reused as any).cachedData).toBeUndefined(); // consumed, not produced again
      expect((reused as any).cachedDataRejected).toBe(false);
      const context = second.createContextSync();
      reused.runSync(context);
      expect(context.global.getSync("answer")).toBe(48);
    } finally {
      first.dispose();
      second.dispose();
    }
  });

  it("still reports a syntax error", () => {
    const isolate = new ivm.Isolate({ memoryLimit: 16 });
    try {
      expect(() => compileCached(isolate, "let = = 1;", "broken.js")).toThrow(SyntaxError);
    } finally {
      isolate.dispose();
    }
  });
});
