import { describe, expect, it } from "vitest";
import { transformKinesisRecordToPosthogEvent } from "./lib/transform-kinesis-record.ts";

function logged() {
  const lines: string[] = [];
  return { lines, logger: { log: (m: string) => lines.push(`log ${m}`), error: (m: string) => lines.push(`error ${m}`) } };
}

describe("transformKinesisRecordToPosthogEvent", () => {
  const record = { type: "signup", user: { id: "u-7", plan: "pro", age: 31 } };

  it("maps the event key and string properties (example A)", () => {
    const { lines, logger } = logged();
    expect(transformKinesisRecordToPosthogEvent(record, "type", "user.id:distinct_id,user.plan:plan,user.age:age", logger)).toEqual({ event: "signup", properties: { distinct_id: "u-7", plan: "pro" } });
    expect(lines).toEqual(["log Property user.age does not contain a string value, skipping"]);
  });

  it("returns null for a missing nested event key (example A)", () => {
    const { lines, logger } = logged();
    expect(transformKinesisRecordToPosthogEvent(record, "meta.kind", "", logger)).toBeNull();
    expect(lines).toEqual([`error Cannot find key meta.kind in object ${JSON.stringify(record)}`]);
  });

  it("works without a logger (the original's three-argument call)", () => {
    expect(transformKinesisRecordToPosthogEvent({ properties: { eventName: "x" } }, "properties.eventName", undefined)).toEqual({ event: "x", properties: {} });
  });

  it.each([[{ type: 5 }], [{ type: { a: 1 } }], [{ type: true }]])("skips a non-string event name (fixed) %j", (payload) => {
    const { lines, logger } = logged();
    expect(transformKinesisRecordToPosthogEvent(payload, "type", "", logger)).toBeNull();
    expect(lines[0]).toMatch(/^error Key type does not contain a string event name/);
  });

  it.each([[{ type: "" }], [{ type: null }], [null], ["signup"], [[]]])("skips a falsy event name or a non-object record %j", (payload) => {
    expect(transformKinesisRecordToPosthogEvent(payload, "type", "")).toBeNull();
  });

  it("only follows own properties", () => {
    const { lines, logger } = logged();
    expect(transformKinesisRecordToPosthogEvent({ name: "e" }, "constructor.name", "", logger)).toBeNull();
    expect(transformKinesisRecordToPosthogEvent({ name: "e", a: {} }, "name", "a.toString:x", logger)).toEqual({ event: "e", properties: {} });
    expect(lines.at(-1)).toBe("log Property a.toString does not exist, skipping");
  });

  it.each([[""], [0], [false], [null]])("skips a falsy property value %j as missing", (value) => {
    const { lines, logger } = logged();
    expect(transformKinesisRecordToPosthogEvent({ e: "x", v: value }, "e", "v:v", logger)).toEqual({ event: "x", properties: {} });
    expect(lines).toEqual(["log Property v does not exist, skipping"]);
  });

  it("trims mappings, ignores empty ones and ones without a posthog key (fixed), later mappings win", () => {
    const { lines, logger } = logged();
    const out = transformKinesisRecordToPosthogEvent({ e: "x", a: "1", b: "2" }, "e", " a : p , ,b:p,, a, a:, :q", logger);
    expect(out).toEqual({ event: "x", properties: { p: "2" } });
    expect(out!.properties).not.toHaveProperty("undefined");
    expect(lines).toEqual([
      'error Property mapping "a" is not of the form recordKey:posthogKey, skipping',
      'error Property mapping "a:" is not of the form recordKey:posthogKey, skipping',
      'error Property mapping ":q" is not of the form recordKey:posthogKey, skipping',
    ]);
  });

  it("an empty mapping setting logs nothing (the original logged 'Property  does not exist')", () => {
    const { lines, logger } = logged();
    expect(transformKinesisRecordToPosthogEvent({ e: "x" }, "e", "", logger)).toEqual({ event: "x", properties: {} });
    expect(lines).toEqual([]);
  });

  it("logs and skips a record whose transformation throws", () => {
    const { lines, logger } = logged();
    const hostile = { e: "x", get boom(): string { throw new Error("getter exploded"); } };
    expect(transformKinesisRecordToPosthogEvent(hostile, "e", "boom:b", logger)).toBeNull();
    expect(lines).toEqual(["error Failed transforming Kinesis record, skipping it: getter exploded"]);
  });
});
