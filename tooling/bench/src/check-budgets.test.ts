import { describe, expect, it } from "vitest";
import { checkBudgets } from "./check-budgets.ts";
import { median } from "./measure.ts";
import { renderSvg } from "./report/render-svg.ts";
import type { BenchResult } from "./types.ts";

const result = (name: string, ratio: number): BenchResult => ({ suite: "harness", name, value: 1, unit: "events/s", ratio });

describe("checkBudgets", () => {
  const budgets = { "harness/a": { target: 2, failAbove: 4 }, "harness/b": { target: 5, failBelow: 1, higherIsBetter: true }, "harness/missing": { target: 1, failAbove: 2 } };

  it.each([
    [1.5, 6, "met", "met"],
    [3, 2, "missed target", "missed target"],
    [4.5, 0.5, "failed", "failed"],
  ])("judges ratio a=%s and b=%s", (a, b, statusA, statusB) => {
    const outcomes = checkBudgets([result("a", a), result("b", b)], budgets);
    expect(outcomes.map((o) => o.status)).toEqual([statusA, statusB, "not measured"]);
  });
});

describe("median", () => {
  it("takes the middle value", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("renderSvg", () => {
  it("draws one bar per measured figure and escapes labels", () => {
    const svg = renderSvg([
      { suite: "harness", name: "x/<direct>", value: 100, unit: "events/s" },
      { suite: "harness", name: "x/sandbox", value: Number.NaN, unit: "events/s" },
    ]);
    expect(svg.match(/<rect x="\d+" y/g)).toHaveLength(1);
    expect(svg).toContain("x/&lt;direct&gt;");
  });

  it("draws ratios on their own axis with a parity line, never as time bars, and says which direction is better", () => {
    const svg = renderSvg([
      { suite: "harness", name: "geoip/messages/direct", value: 100_000, unit: "events/s" },
      { suite: "harness", name: "geoip/sandbox vs unsandboxed (messages)", value: 0.8, unit: "x (higher is better)", ratio: 0.8 },
      { suite: "registry", name: "synthetic 100: cold build", value: 900, unit: "ms" },
      { suite: "registry", name: "synthetic 100: cached rebuild vs cold build", value: 0.3, unit: "ratio", ratio: 0.3 },
    ]);
    expect(svg).toContain("0.80x");
    expect(svg).toContain("1.0 = parity");
    expect(svg).toContain("(ms, lower is better)");
    expect(svg).toContain("(events/s, higher is better)");
    expect(svg).not.toContain("cached rebuild vs cold build");
  });

  it("charts the counts per event (host crossings, IPC messages) together, lower being better", () => {
    const svg = renderSvg([
      { suite: "harness", name: "geoip/sandbox host crossings per event (messages)", value: 0.008, unit: "crossings/event" },
      { suite: "harness", name: "geoip/child-process pool IPC messages per event (messages)", value: 0.03, unit: "messages/event" },
    ]);
    expect(svg).toContain("IPC messages per event (lower is better)");
    expect(svg.match(/<rect x="\d+" y/g)).toHaveLength(2);
  });

  it("leaves room for the longest label so bars never start under it", () => {
    const long = "user-agent/messages/sandbox pool of 2 (a long label)";
    const svg = renderSvg([{ suite: "harness", name: long, value: 5, unit: "events/s" }]);
    const barX = Number(/<rect x="(\d+)" y/.exec(svg)![1]);
    expect(barX).toBeGreaterThan(long.length * 6);
  });
});
