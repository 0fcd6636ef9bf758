import type { PluginMeta } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import { addToBuffer, createBufferState, flushBuffer, onTimer, type BufferOptions } from "./message-buffer.ts";

/** A buffer (limit 100 points, 10 s timer job `flushTimer`) whose flushes and timer jobs are recorded. */
function setup() {
  const flushes: Array<{ messages: unknown[]; uuids: string[] }> = [];
  const timers: Array<{ generation: number; after: string }> = [];
  const meta = { jobs: { flushTimer: (payload: { generation: number }) => ({ runIn: async (n: number, unit: string) => void timers.push({ ...payload, after: `${n} ${unit}` }) }) } } as unknown as PluginMeta;
  const options: BufferOptions = { limit: 100, timeoutSeconds: 10, timerJob: "flushTimer", onFlush: async (messages, uuids) => void flushes.push({ messages, uuids }) };
  const state = createBufferState();
  const add = (message: unknown, uuid: string) => addToBuffer(meta, state, options, message, uuid);
  return { state, options, flushes, timers, add };
}

/** A message of exactly `points` points (its JSON length). */
const sized = (points: number) => "x".repeat(points - 2);

describe("message buffer", () => {
  it("starts one timer job for the first message; the timer flushes the messages with their uuids, in order", async () => {
    const { state, options, flushes, timers, add } = setup();
    await add({ n: 1 }, "u1");
    await add({ n: 2 }, "u2");
    expect(timers).toEqual([{ generation: 1, after: "10 seconds" }]);
    expect(flushes).toEqual([]);
    await onTimer(state, options, 1);
    expect(flushes).toEqual([{ messages: [{ n: 1 }, { n: 2 }], uuids: ["u1", "u2"] }]);
    expect(state).toMatchObject({ messages: [], uuids: [], points: 0, timer: 0 });
  });

  it("flushes first when the next message would pass the limit, and at once for a message over the limit alone", async () => {
    const { flushes, add } = setup();
    await add(sized(60), "big-1");
    expect(flushes).toEqual([]);
    await add(sized(60), "big-2");
    expect(flushes.map((f) => f.uuids)).toEqual([["big-1"]]);
    await add(sized(101), "big-3");
    expect(flushes.map((f) => f.uuids)).toEqual([["big-1"], ["big-2"], ["big-3"]]);
  });

  it("keeps a message that exactly reaches the limit waiting for the timer", async () => {
    const { flushes, timers, add } = setup();
    await add(sized(100), "full");
    expect(flushes).toEqual([]);
    expect(timers).toHaveLength(1);
  });

  it("a size flush cancels the pending timer; the message that follows starts a new one", async () => {
    const { state, options, flushes, timers, add } = setup();
    await add(sized(60), "big-1");
    await add(sized(60), "big-2");
    expect(flushes.map((f) => f.uuids)).toEqual([["big-1"]]);
    expect(timers.map((t) => t.generation)).toEqual([1, 2]);
    await onTimer(state, options, 1);
    expect(flushes).toHaveLength(1);
    await onTimer(state, options, 2);
    expect(flushes.map((f) => f.uuids)).toEqual([["big-1"], ["big-2"]]);
  });

  it("flushBuffer sends what is buffered (what teardown does) and does nothing when empty", async () => {
    const { state, options, flushes, add } = setup();
    await flushBuffer(state, options);
    expect(flushes).toEqual([]);
    await add({ n: 1 }, "u1");
    await flushBuffer(state, options);
    expect(flushes).toEqual([{ messages: [{ n: 1 }], uuids: ["u1"] }]);
    await onTimer(state, options, 1);
    expect(flushes).toHaveLength(1);
  });
});
