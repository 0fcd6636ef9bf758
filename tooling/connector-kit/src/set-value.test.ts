import { describe, expect, it } from "vitest";
import { setValue } from "./set-value.ts";

describe("setValue", () => {
  it("writes a dotted path, keeping the objects already there", () => {
    const target: Record<string, unknown> = { context: { app: { name: "PostHogPlugin" } } };
    setValue(target, "context.app.version", "1.2");
    setValue(target, "channel", "s2s");
    expect(target).toEqual({ context: { app: { name: "PostHogPlugin", version: "1.2" } }, channel: "s2s" });
  });

  it("replaces a non-object (or an array) in the way with an object", () => {
    const target: Record<string, unknown> = { a: 1, b: [1], c: null };
    for (const key of ["a", "b", "c"]) setValue(target, `${key}.x`, key);
    expect(target).toEqual({ a: { x: "a" }, b: { x: "b" }, c: { x: "c" } });
  });
});
