import { describe, expect, it } from "vitest";
import { catchHookFailure } from "./catch-hook-failure.ts";

describe("catchHookFailure", () => {
  it("returns the rejection, with the connector's error as cause", async () => {
    const cause = new Error("boom");
    const error = await catchHookFailure(Promise.reject(new Error("hook exportEvents failed", { cause })));
    expect(error.message).toBe("hook exportEvents failed");
    expect(error.cause).toBe(cause);
  });

  it("fails when the hook call succeeds", async () => {
    await expect(catchHookFailure(Promise.resolve("ok"))).rejects.toThrow("expected the hook call to fail, but it succeeded");
  });
});
