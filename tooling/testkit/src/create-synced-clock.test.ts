import { afterEach, describe, expect, it, vi } from "vitest";
import { createSyncedClock } from "./create-synced-clock.ts";

afterEach(() => vi.useRealTimers());

describe("createSyncedClock", () => {
  it("starts Date at the clock's time and moves it with the clock", async () => {
    const clock = createSyncedClock(vi, "2024-05-01T10:00:00.000Z");
    expect(new Date().toISOString()).toBe("2024-05-01T10:00:00.000Z");
    await clock.advance(90_000);
    expect(Date.now()).toBe(clock.now());
    expect(new Date().toISOString()).toBe("2024-05-01T10:01:30.000Z");
  });

  it("fakes Date only: real timers still fire", async () => {
    createSyncedClock(vi, 0);
    await expect(new Promise((resolve) => setTimeout(() => resolve("fired"), 1))).resolves.toBe("fired");
    expect(vi.isFakeTimers()).toBe(true);
  });
});
