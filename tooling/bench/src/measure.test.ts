import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { itemsForSeconds, median } from "./measure.ts";

const make = (count: number) => Array.from({ length: count }, (_, i) => i);
/** About 10 items per ms (timers only ever run late, so never faster). */
const tenPerMs = async (items: number[]) => void (await sleep(items.length / 10));
const instant = async () => undefined;

describe("itemsForSeconds", () => {
  it("sizes a round by the slowest contender", async () => {
    const count = await itemsForSeconds({ seconds: 0.5, min: 10, max: 1_000_000, probe: 500, make, contenders: { fast: instant, slow: tenPerMs } });
    expect(count).toBeLessThanOrEqual(5_000);
    expect(count).toBeGreaterThan(1_500);
  });

  it("keeps the count within min and max", async () => {
    expect(await itemsForSeconds({ seconds: 10, min: 10, max: 777, probe: 100, make, contenders: { fast: instant } })).toBe(777);
    expect(await itemsForSeconds({ seconds: 0.001, min: 123, max: 1_000, probe: 100, make, contenders: { slow: tenPerMs } })).toBe(123);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
