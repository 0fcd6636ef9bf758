import { describe, expect, it } from "vitest";
import { getValue } from "./get-value.ts";

describe("getValue", () => {
  it("prefers the whole dotted key, then joins segments", () => {
    expect(getValue({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1);
    expect(getValue({ a: { b: 2 } }, "a.b")).toBe(2);
    expect(getValue({ a: { "b.c": 3 } }, "a.b.c")).toBe(3);
  });

  it("is undefined for a missing key, a null on the way or a non-object source", () => {
    expect(getValue({ a: null }, "a.b")).toBeUndefined();
    expect(getValue({ a: {} }, "a.b")).toBeUndefined();
    expect(getValue("text", "length")).toBeUndefined();
  });
});
