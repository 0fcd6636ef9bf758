import { describe, expect, it } from "vitest";
import { collectRows } from "./collect-rows.ts";

const toRow = (event: { event: string; n: number }) => (event.n < 0 ? new Error(`event ${event.event} has n ${event.n}`) : { name: event.event, n: event.n });

describe("collectRows", () => {
  it("skips ignored event names, logs the events toRow rejects and keeps the order of the rest", () => {
    const errors: string[] = [];
    const events = [
      { event: "a", n: 1 },
      { event: "$feature_flag_called", n: 2 },
      { event: "b", n: -1 },
      { event: "c", n: 3 },
    ];
    const rows = collectRows(events, { eventsToIgnore: ["$feature_flag_called"], toRow, logger: { error: (message) => errors.push(message) } });
    expect(rows).toEqual([{ name: "a", n: 1 }, { name: "c", n: 3 }]);
    expect(errors).toEqual(["event b has n -1"]);
  });

  it("does not call toRow for ignored events, and matches names exactly", () => {
    const seen: string[] = [];
    const rows = collectRows([{ event: "x" }, { event: " x" }], {
      eventsToIgnore: new Set(["x"]),
      toRow: (event) => (seen.push(event.event), event.event),
      logger: { error: () => undefined },
    });
    expect(seen).toEqual([" x"]);
    expect(rows).toEqual([" x"]);
  });

  it("returns [] for an empty batch", () => {
    expect(collectRows([], { eventsToIgnore: [], toRow: () => 1, logger: { error: () => undefined } })).toEqual([]);
  });
});
