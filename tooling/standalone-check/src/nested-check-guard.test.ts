import { describe, expect, it } from "vitest";
import { NESTED_CHECK_MARKER, refuseNestedCheck } from "./nested-check-guard.ts";

describe("refuseNestedCheck", () => {
  it("lets a check start outside any other", () => {
    expect(() => refuseNestedCheck({})).not.toThrow();
  });

  it("refuses a check started by a process of another check, saying what to fix", () => {
    expect(() => refuseNestedCheck({ [NESTED_CHECK_MARKER]: "1" })).toThrow(/started by a process of another standalone check[\s\S]*Fix: make that command work in the folder it was started in/);
  });
});
