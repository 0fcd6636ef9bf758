import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { collectGarbage } from "./collect-garbage.ts";
import { compareThroughput, itemsForSeconds, median } from "./measure.ts";

const make = (count: number) => Array.from({ length: count }, (_, i) => i);
/**
 * A clock only the contenders move, so the sizing is exact whatever else the machine is doing (real
 * timers fire a little early or late against performance.now, which once made 5036 of an expected 5000).
 */
function fakeClock() {
  let ms = 0;
  return { now: () => ms, spend: (spent: number) => void (ms += spent) };
}

describe("itemsForSeconds", () => {
  it("sizes a round by the slowest contender", async () => {
    const clock = fakeClock();
    const contenders = { fast: async (items: number[]) => clock.spend(items.length / 1000), slow: async (items: number[]) => clock.spend(items.length / 10) };
    // slow: 10 items per ms = 10,000 per second; half a second of it is 5,000.
    expect(await itemsForSeconds({ seconds: 0.5, min: 10, max: 1_000_000, probe: 500, make, contenders, now: clock.now })).toBe(5_000);
  });

  it("keeps the count within min and max", async () => {
    const clock = fakeClock();
    const tenPerMs = async (items: number[]) => clock.spend(items.length / 10);
    expect(await itemsForSeconds({ seconds: 10, min: 10, max: 777, probe: 100, make, contenders: { fast: tenPerMs }, now: clock.now })).toBe(777);
    expect(await itemsForSeconds({ seconds: 0.001, min: 123, max: 1_000, probe: 100, make, contenders: { slow: tenPerMs }, now: clock.now })).toBe(123);
  });

  it("times real contenders with performance.now by default", async () => {
    const count = await itemsForSeconds({ seconds: 0.05, min: 1, max: 1_000_000, probe: 100, make, contenders: { busy: async () => void (await sleep(5)) } });
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThan(1_000_000);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("compareThroughput", () => {
  it("settles before every timed run (warm-up round included), after its items are prepared", async () => {
    const order: string[] = [];
    const rates = await compareThroughput({
      rounds: 2,
      prepare: () => (order.push("prepare"), make(10)),
      settle: () => order.push("settle"),
      contenders: { a: async () => void order.push("a"), b: async () => void order.push("b") },
    });
    expect(order).toEqual(Array.from({ length: 3 }, () => ["prepare", "settle", "a", "prepare", "settle", "b"]).flat());
    expect(Object.keys(rates)).toEqual(["a", "b"]);
  });
});

describe("collectGarbage", () => {
  it("collects what nothing references any more", () => {
    let garbage: unknown[] | undefined = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `item ${i}` }));
    const held = process.memoryUsage().heapUsed;
    garbage = undefined;
    collectGarbage();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 5 * 2 ** 20);
  });
});
