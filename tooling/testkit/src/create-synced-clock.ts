import { VirtualClock } from "@connectors/harness";
import type { VitestUtils } from "vitest";

/** The part of vitest's `vi` that {@link createSyncedClock} drives. */
export type FakeDateControl = Pick<VitestUtils, "useFakeTimers" | "setSystemTime">;

/**
 * A {@link VirtualClock} that also moves `Date`, for connectors that read the time from `Date` (hours,
 * days, "last N minutes"): fakes `Date` only (timers stay real), sets it to `start` and moves it
 * whenever the clock moves. Pass vitest's `vi` (testkit does not import vitest itself, so the CLI and
 * the studio, which use the event factories, do not load it) and restore `Date` with
 * `vi.useRealTimers()` after each test.
 *
 * @param vi - vitest's `vi`
 * @param start - the clock's and `Date`'s starting time
 * @example
 * afterEach(() => vi.useRealTimers());
 * const clock = createSyncedClock(vi, "2024-05-01T10:00:00.000Z");
 * await clock.advance(60_000); // Date.now() moved by a minute too
 */
export function createSyncedClock(vi: FakeDateControl, start: number | string | Date): VirtualClock {
  vi.useFakeTimers({ toFake: ["Date"] });
  const clock = new VirtualClock(start);
  vi.setSystemTime(clock.now());
  clock.onChange((now) => vi.setSystemTime(now));
  return clock;
}
