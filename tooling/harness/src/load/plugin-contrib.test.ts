import { describe, expect, it } from "vitest";
import { VirtualClock, type TimerHandle } from "../clock.ts";
import { createBuffer, type BufferTimer } from "./plugin-contrib.ts";

function buffered(limit: number, timeoutSeconds = 10) {
  const clock = new VirtualClock(0);
  const flushed: Array<{ at: number; batch: string[] }> = [];
  const buffer = createBuffer<string>({ limit, timeoutSeconds, onFlush: (batch) => void flushed.push({ at: clock.now(), batch }) }, clock);
  return { clock, flushed, buffer };
}

describe("createBuffer (plugin-contrib semantics)", () => {
  it("flushes what it holds before an item that would pass the limit, and by timeout", async () => {
    const { clock, flushed, buffer } = buffered(10);
    await buffer.add("a", 6);
    await buffer.add("b", 6);
    expect(flushed).toEqual([{ at: 0, batch: ["a"] }]);
    await clock.advance(10_000);
    expect(flushed).toEqual([{ at: 0, batch: ["a"] }, { at: 10_000, batch: ["b"] }]);
  });

  it("flushes at once when the buffer is over the limit after adding (an item larger than the limit), with no timer left", async () => {
    const { clock, flushed, buffer } = buffered(10);
    await buffer.add("small", 2);
    await buffer.add("huge", 50);
    expect(flushed).toEqual([
      { at: 0, batch: ["small"] },
      { at: 0, batch: ["huge"] },
    ]);
    await buffer.add("alone", 50);
    expect(flushed.at(-1)).toEqual({ at: 0, batch: ["alone"] });
    await clock.advance(60_000);
    expect(flushed).toHaveLength(3);
  });

  it("does not flush an item exactly at the limit before the timeout", async () => {
    const { clock, flushed, buffer } = buffered(10, 1);
    await buffer.add("exact", 10);
    expect(flushed).toEqual([]);
    await clock.advance(1_000);
    expect(flushed).toEqual([{ at: 1_000, batch: ["exact"] }]);
  });

  it("undoes an add whose flush timer the clock refuses, so the item is neither kept nor flushed twice", async () => {
    const clock = new VirtualClock(0);
    let refuse = true;
    const refusing: BufferTimer<TimerHandle> = {
      setTimeout(run, ms) {
        if (refuse) throw new RangeError("no timers left");
        return clock.setTimeout(run, ms);
      },
      clearTimeout: (handle) => clock.clearTimeout(handle),
    };
    const flushed: string[][] = [];
    const buffer = createBuffer<string>({ limit: 10, timeoutSeconds: 1, onFlush: (batch) => void flushed.push(batch) }, refusing);
    expect(() => buffer.add("refused", 2)).toThrow("no timers left");
    expect({ items: buffer.items, points: buffer.points }).toEqual({ items: [], points: 0 });
    refuse = false;
    await buffer.add("kept", 2);
    await clock.advance(1_000);
    expect(flushed).toEqual([["kept"]]);
  });
});
