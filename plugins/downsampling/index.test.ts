import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it, vi } from "vitest";
import click007 from "./fixtures/click-007.json" with { type: "json" };
import * as plugin from "./index.ts";
import { hashDistinctId } from "./lib/hash-distinct-id.ts";
import { shouldKeep } from "./lib/should-keep.ts";

const dir = import.meta.dirname;
const RANDOM = "Random sampling";

async function keeps(config: Record<string, unknown>, distinctId: string): Promise<boolean> {
  const connector = await createTestConnector(dir, { module: plugin, config });
  return (await connector.processEvent(createEvent({ distinct_id: distinctId }))) !== null;
}

describe("downsampling", () => {
  it.each([
    ["2", "0.82988537"],
    ["007", "0.38524323"],
    ["abc", "0.72839491"],
    ["", "0.88941599"],
  ])("hashes distinct ID %j to the reference value %s...", (id, prefix) => {
    expect(String(hashDistinctId(id))).toMatch(new RegExp(`^${prefix.replace(".", "\\.")}\\d`));
  });

  it("keeps a sampled-in event unchanged, same object (example 1)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { percentage: "50" } });
    const event = structuredClone(click007) as PluginEvent;
    const out = await connector.processEvent(event);
    expect(out).toBe(event);
    expect(out).toEqual(click007);
  });

  it("drops a sampled-out distinct ID (example 2)", async () => {
    expect(await keeps({ percentage: "50" }, "2")).toBe(false);
  });

  it("is inclusive at the boundary (example 3)", async () => {
    expect(await keeps({ percentage: "83" }, "2")).toBe(true);
    expect(await keeps({ percentage: "82.9" }, "2")).toBe(false);
  });

  it("is monotonic: an ID kept at p% is kept at every higher p", () => {
    for (const id of ["a", "b", "c", "user-1", "007"]) {
      const v = hashDistinctId(id);
      const threshold = Math.ceil(v * 100);
      for (const p of [threshold, threshold + 1, 100]) expect(shouldKeep(id, { percentage: Math.min(p, 100), randomSampling: false })).toBe(true);
    }
  });

  it.each([[{ percentage: "12.5%" }, 12.5], [{ percentage: " 7" }, 7], [{ percentage: "0" }, 0], [{ percentage: "100" }, 100]])("parses %j with parseFloat semantics", (config, value) => {
    const global: Record<string, unknown> = {};
    plugin.setupPlugin({ config, global } as never);
    expect(global).toEqual({ percentage: value, randomSampling: false });
  });

  it("keeps every event at 100 % random sampling (example 4)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { percentage: "100", samplingMethod: RANDOM } });
    vi.spyOn(Math, "random").mockReturnValue(0.9999999);
    const event = createEvent();
    expect(await connector.processEvent(event)).toBe(event);
  });

  it("drops every event at 0 % random sampling (example 5, fixed off-by-one)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { percentage: "0", samplingMethod: RANDOM } });
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(await connector.processEvent(createEvent())).toBeNull();
  });

  it("keeps p % of events on average with random sampling", () => {
    let i = 0;
    const random = () => (i++ % 1000) / 1000;
    const kept = Array.from({ length: 1000 }, () => shouldKeep("x", { percentage: 25, randomSampling: true }, random)).filter(Boolean).length;
    expect(kept).toBe(250);
  });

  it("ignores the distinct ID in random mode", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { percentage: "50", samplingMethod: RANDOM } });
    vi.spyOn(Math, "random").mockReturnValue(0.1);
    expect(await connector.processEvent(createEvent({ distinct_id: "2" }))).not.toBeNull();
  });

  it("treats a missing distinct_id as the empty string (0.889...)", async () => {
    for (const [percentage, kept] of [["89", true], ["88", false]] as const) {
      const connector = await createTestConnector(dir, { module: plugin, config: { percentage } });
      const event = createEvent();
      delete (event as Partial<PluginEvent>).distinct_id;
      expect((await connector.processEvent(event)) !== null).toBe(kept);
    }
  });

  it("uses distinct-ID aware sampling by default and for an empty method", async () => {
    expect(await keeps({ percentage: "50", samplingMethod: "" }, "2")).toBe(false);
    expect(await keeps({ percentage: "50", samplingMethod: "" }, "007")).toBe(true);
  });

  it("keeps everything with the plugin.json default of 100 %", async () => {
    expect(await keeps({}, "2")).toBe(true);
  });

  it("does not modify the event", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { percentage: "100" } });
    const event = createEvent({ properties: { a: 1 } });
    const before = structuredClone(event);
    expect(await connector.processEvent(event)).toEqual(before);
  });

  it.each([["150"], ["-1"], ["abc"], [""]])("fails setup for percentage %j (example 6)", async (percentage) => {
    const connector = await createTestConnector(dir, { module: plugin, config: { percentage } });
    await expect(connector.setup()).rejects.toThrow("Percentage must be a number between 0 and 100.");
    await expect(connector.processEvent(createEvent())).rejects.toThrow(/disabled/);
  });

  it("fails setup without percentage when no default is applied", () => {
    expect(() => plugin.setupPlugin({ config: {}, global: {} } as never)).toThrow("Percentage must be a number between 0 and 100.");
  });

  it("rejects an unknown sampling method with a clear config error", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { samplingMethod: "Every other" } })).rejects.toThrow(/samplingMethod/);
  });
});
