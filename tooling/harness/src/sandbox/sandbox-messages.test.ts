import { describe, expect, it } from "vitest";
import { getConnectorSandbox } from "./load-sandboxed.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

async function messagesThrough(code: string) {
  const connector = await sandboxedConnector(code);
  const sandbox = getConnectorSandbox(connector.plugin)!;
  return (messages: string[]) => sandbox.processEventMessages(messages, connector.meta);
}

const message = (n: number, extra: object = {}) => JSON.stringify({ event: "$pageview", distinct_id: `u${n}`, team_id: 2, properties: { n }, ...extra });

describe("sandbox processEventMessages (JSON in, JSON out)", () => {
  it("returns each changed event as JSON, null for dropped ones, in order", async () => {
    const run = await messagesThrough("exports.processEvent = (e, { config }) => e.properties.n % 2 ? null : { ...e, properties: { ...e.properties, even: true } }");
    const out = await run([0, 1, 2, 3].map((n) => message(n)));
    expect(out[1]).toBeNull();
    expect(out[3]).toBeNull();
    expect(JSON.parse(out[2] as string)).toEqual({ event: "$pageview", distinct_id: "u2", team_id: 2, properties: { n: 2, even: true } });
  });

  it("rejects bad messages one by one with a reason and a fix, and still processes the rest", async () => {
    const run = await messagesThrough("exports.processEvent = (e) => e");
    const out = await run(["{not json", "42", "[1]", JSON.stringify({ distinct_id: "u" }), JSON.stringify({ event: "" }), message(5)]);
    expect(out.slice(0, 5)).toEqual([
      { error: expect.stringMatching(/^not JSON \(.+\)\. Fix: send one JSON event object per message$/) },
      { error: expect.stringContaining("needs an event object (got number)") },
      { error: expect.stringContaining("needs an event object (got an array)") },
      { error: 'needs an event with a string "event" name (got undefined). Fix: add "event": "$pageview" (or your event\'s name)' },
      { error: expect.stringContaining('needs an event with a string "event" name (got "")') },
    ]);
    expect(JSON.parse(out[5] as string)).toMatchObject({ distinct_id: "u5" });
  });

  it("refuses an event whose team_id the hook changed, and a non-object result", async () => {
    const run = await messagesThrough("exports.processEvent = (e) => e.properties.n === 0 ? { ...e, team_id: 99 } : e.properties.n === 1 ? 'x' : e");
    const out = await run([0, 1, 2].map((n) => message(n)));
    expect(out[0]).toEqual({ error: "processEvent changed team_id (2 -> 99); events cannot move between projects" });
    expect(out[1]).toEqual({ error: "processEvent returned string; return the event object, or null to drop it" });
    expect(typeof out[2]).toBe("string");
  });

  it("awaits async hooks, and fails the whole call when a hook throws", async () => {
    const asyncRun = await messagesThrough("exports.processEvent = async (e, { cache }) => { await cache.set('k', 1); return { ...e, done: true } }");
    expect((await asyncRun([message(1), message(2)])).map((m) => JSON.parse(m as string).done)).toEqual([true, true]);
    const throwing = await messagesThrough("exports.processEvent = (e) => { if (e.properties.n === 1) throw new RangeError('too big'); return e }");
    expect(await rejection(() => throwing([message(0), message(1)]))).toMatchObject({ name: "RangeError", message: "too big" });
  });

  it("keeps the order of a call that spans several chunks, and one throw in a later chunk fails it whole", async () => {
    const run = await messagesThrough("exports.processEvent = (e) => { if (e.properties.n === 2_000) throw new RangeError('n is 2000'); return e.properties.n % 3 ? { ...e, seen: e.properties.n } : null }");
    const batch = Array.from({ length: 1_234 }, (_, n) => (n === 1_100 ? "oops" : message(n)));
    const out = await run(batch);
    expect(out).toHaveLength(1_234);
    out.forEach((outcome, n) => {
      if (n === 1_100) expect(outcome).toMatchObject({ error: expect.stringContaining("not JSON") });
      else expect(outcome === null ? null : JSON.parse(outcome as string).seen).toBe(n % 3 ? n : null);
    });
    expect(await rejection(() => run([...batch, message(2_000)]))).toMatchObject({ name: "RangeError", message: "n is 2000" });
    expect(await run([message(1)])).toHaveLength(1);
  });

  it("hands a processEventBatch-only connector every message's event in one call", async () => {
    const run = await messagesThrough("exports.processEventBatch = (events) => events.map((e) => ({ ...e, seenWith: events.length }))");
    const out = await run(Array.from({ length: 1_001 }, (_, n) => message(n)));
    expect(new Set(out.map((m) => JSON.parse(m as string).seenWith))).toEqual(new Set([1_001]));
  });

  it("passes a processEventBatch-only connector's events, then the rejected messages", async () => {
    const run = await messagesThrough("exports.processEventBatch = (events) => events.filter((e) => e.properties.n > 0)");
    const out = await run([message(0), "oops", message(1)]);
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[0] as string)).toMatchObject({ properties: { n: 1 } });
    expect(out[1]).toMatchObject({ error: expect.stringContaining("not JSON") });
  });
});
