import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import customer from "./fixtures/customer-event.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const EXAMPLE_FILTERS = readFileSync(join(dir, "fixtures/filters.json"));

function attachment(contents: Buffer | string) {
  return { filters: { content_type: "application/json", file_name: "filters.json", contents } };
}

async function connectorWith(filters: unknown) {
  const contents = Buffer.isBuffer(filters) || typeof filters === "string" ? filters : JSON.stringify(filters);
  return createTestConnector(dir, { module: plugin, attachments: attachment(contents) });
}

async function kept(filters: unknown, properties: Record<string, unknown>): Promise<boolean> {
  const connector = await connectorWith(filters);
  return (await connector.processEvent(createEvent({ event: "e", properties }))) !== null;
}

const one = (type: string, operator: string, value: unknown, property = "p") => [{ property, type, operator, value }];

describe("filter-out", () => {
  it("keeps an event passing every filter, unchanged and same object (example 1)", async () => {
    const connector = await connectorWith(EXAMPLE_FILTERS);
    const event = structuredClone(customer) as PluginEvent;
    const out = await connector.processEvent(event);
    expect(out).toBe(event);
    expect(out).toEqual(customer);
  });

  it("drops an event failing a filter (example 2)", async () => {
    expect(await kept(EXAMPLE_FILTERS, { email: "dev@mycompany.com", plan_level: 3, beta: false })).toBe(false);
  });

  it("drops an event missing a filtered property (example 3)", async () => {
    expect(await kept(EXAMPLE_FILTERS, { email: "x@gmail.com", plan_level: 3 })).toBe(false);
  });

  it("tests regexes (example 4)", async () => {
    const filters = [{ property: "$current_url", type: "string", operator: "regex", value: "^https://app\\." }];
    expect(await kept(filters, { $current_url: "https://app.example.com/x" })).toBe(true);
    expect(await kept(filters, { $current_url: "https://www.example.com" })).toBe(false);
  });

  it("keeps events without properties regardless of filters (example 5)", async () => {
    const connector = await connectorWith(EXAMPLE_FILTERS);
    const event = createEvent({ event: "$identify" });
    delete event.properties;
    expect(await connector.processEvent(structuredClone(event))).toEqual(event);
  });

  it("keeps everything with an empty filter list", async () => {
    expect(await kept([], {})).toBe(true);
  });

  it.each([
    ["string", "is", "a", "a", true],
    ["string", "is", "a", "b", false],
    ["string", "is_not", "a", "b", true],
    ["string", "is_not", "a", "a", false],
    ["string", "contains", "ell", "hello", true],
    ["string", "contains", "xyz", "hello", false],
    ["string", "not_contains", "xyz", "hello", true],
    ["string", "not_contains", "ell", "hello", false],
    ["string", "regex", "^h.*o$", "hello", true],
    ["string", "not_regex", "^h", "hello", false],
    ["string", "not_regex", "^x", "hello", true],
    ["string", "regex", "^4", 42, true],
    ["number", "gt", 10, 11, true],
    ["number", "gt", 10, 10, false],
    ["number", "lt", 10, 9, true],
    ["number", "gte", 10, 10, true],
    ["number", "lte", 10, 11, false],
    ["number", "eq", 10, 10, true],
    ["number", "eq", 20, "20", false],
    ["number", "neq", 20, "20", true],
    ["number", "gt", 10, "20", true],
    ["boolean", "is", true, true, true],
    ["boolean", "is", true, "true", false],
    ["boolean", "is_not", true, false, true],
  ])("%s %s %j on %j -> kept %s", async (type, operator, value, actual, expected) => {
    expect(await kept(one(type, operator, value), { p: actual })).toBe(expected);
  });

  it.each([
    ["contains", null],
    ["contains", 5],
    ["not_contains", { a: 1 }],
    ["regex", null],
    ["not_regex", true],
  ])("fails (drops) %s on a non-string %j instead of throwing (fixed)", async (operator, actual) => {
    const connector = await connectorWith(one("string", operator, "x"));
    expect(await connector.processEvent(createEvent({ properties: { p: actual } }))).toBeNull();
    expect(connector.errors).toEqual([]);
  });

  it("treats null as a value, not as missing", async () => {
    expect(await kept(one("string", "is_not", "x"), { p: null })).toBe(true);
  });

  it("stops at the first failing filter, in order", async () => {
    expect(await kept([...one("number", "gt", 1, "a"), ...one("number", "gt", 1, "b")], { a: 0 })).toBe(false);
  });

  it("accepts key as an alias of property (fixed: the README's field name)", async () => {
    const filters = [{ key: "plan", type: "string", operator: "is", value: "pro" }];
    expect(await kept(filters, { plan: "pro" })).toBe(true);
    expect(await kept(filters, { plan: "free" })).toBe(false);
  });

  it("prefers property over key", async () => {
    expect(await kept([{ property: "a", key: "b", type: "string", operator: "is", value: "x" }], { a: "x", b: "y" })).toBe(true);
  });

  it("reads the attachment as a string too", async () => {
    expect(await kept(EXAMPLE_FILTERS.toString("utf8"), { email: "x@gmail.com", plan_level: 2, beta: false })).toBe(true);
  });

  it("fails setup without the attachment", async () => {
    const connector = await createTestConnector(dir, { module: plugin });
    await expect(connector.setup()).rejects.toThrow("No filters attachment found");
  });

  it.each([
    ["an object (example 6)", '{"property":"a"}'],
    ["invalid JSON", "[{"],
    ["null", "null"],
    ["a string", '"abc"'],
    ["an unknown type", JSON.stringify(one("date", "is", "x"))],
    ["an unknown operator", JSON.stringify(one("number", "contains", 1))],
    ["an operator of another type", JSON.stringify(one("boolean", "gt", true))],
    ["a prototype name as type", JSON.stringify(one("toString", "is", 1))],
    ["a filter without property", JSON.stringify([{ type: "string", operator: "is", value: "x" }])],
    ["an invalid regex", JSON.stringify(one("string", "regex", "(("))],
  ])("fails setup for %s with 'Could not parse filters attachment'", async (_what, contents) => {
    const connector = await connectorWith(contents);
    await expect(connector.setup()).rejects.toThrow(/Could not parse filters attachment/);
  });

  it("names the invalid operator in the setup error", async () => {
    const connector = await connectorWith(one("number", "contains", 1));
    await expect(connector.setup()).rejects.toThrow(/Invalid operator contains for type number/);
  });

  it("rejects the attachment passed as a config value with a clear config error", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { filters: "[]" } })).rejects.toThrow(/config.filters is an attachment/);
  });
});
