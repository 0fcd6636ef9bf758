import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { parseSchemaFile } from "./lib/parse-schema-file.ts";

const dir = import.meta.dirname;
const SCHEMA = readFileSync(join(dir, "fixtures", "schema.json"));

function connect(contents: Buffer | string | object = SCHEMA) {
  const text = Buffer.isBuffer(contents) || typeof contents === "string" ? contents : JSON.stringify(contents);
  return createTestConnector(dir, { module: plugin, attachments: { eventSchemaFile: { file_name: "schema.json", content_type: "application/json", contents: text } } });
}

async function run(event: string, properties?: Record<string, unknown>, schema?: object): Promise<PluginEvent | null> {
  const connector = await connect(schema);
  const input = createEvent({ event, properties: properties ?? {} });
  if (!properties) delete input.properties;
  return connector.processEvent(input);
}

describe("schema-enforcer", () => {
  it("keeps only the schema's properties with acceptOnlySchemaProps (example 1)", async () => {
    const out = await run("order placed", { total: 30, coupon: "X1", gift: false, $lib: "web" });
    expect(out?.properties).toEqual({ total: 30, coupon: "X1", gift: false });
    expect(Object.keys(out!.properties!)).toEqual(["total", "coupon", "gift"]);
  });

  it("keeps an event whose optional properties are missing (example 2, fixed: the original dropped it)", async () => {
    expect((await run("order placed", { total: 30 }))?.properties).toEqual({ total: 30 });
    expect((await run("order placed", { total: 30, coupon: null }))?.properties).toEqual({ total: 30 });
  });

  it.each([
    ["a wrong type", { total: "30" }],
    ["a missing required property", { coupon: "X1" }],
    ["a null required property", { total: null }],
    ["an optional property of the wrong type", { total: 30, gift: "yes" }],
    ["an array", { total: [30] }],
  ])("drops an event with %s (example 3)", async (_what, properties) => {
    expect(await run("order placed", properties)).toBeNull();
  });

  it("leaves properties alone without acceptOnlySchemaProps (example 4)", async () => {
    expect((await run("page viewed", { path: "/a", ref: "x" }))?.properties).toEqual({ path: "/a", ref: "x" });
  });

  it("drops events not in the file only with onlyIngestEventsFromFile (example 5)", async () => {
    expect(await run("signup", {})).toBeNull();
    const schema = JSON.parse(SCHEMA.toString("utf8"));
    expect((await run("signup", { a: 1 }, { ...schema, onlyIngestEventsFromFile: false }))?.properties).toEqual({ a: 1 });
    delete schema.onlyIngestEventsFromFile;
    expect((await run("signup", { a: 1 }, schema))?.properties).toEqual({ a: 1 });
  });

  it("keeps falsy but valid values of required properties (example 6, fixed)", async () => {
    expect((await run("order placed", { total: 0 }))?.properties).toEqual({ total: 0 });
    const schema = { eventSchemas: { e: { schema: { s: { type: "string", required: true }, b: { type: "boolean", required: true } } } } };
    expect((await run("e", { s: "", b: false }, schema))?.properties).toEqual({ s: "", b: false });
  });

  it("treats missing properties as {} (fixed: the original threw)", async () => {
    expect(await run("order placed")).toBeNull();
    const out = await run("e", undefined, { eventSchemas: { e: { acceptOnlySchemaProps: true, schema: { a: { type: "string" } } } } });
    expect(out?.properties).toEqual({});
    const kept = await run("page", undefined, { eventSchemas: { page: { schema: {} } } });
    expect(kept?.properties).toBeUndefined();
  });

  it("accepts an empty eventSchemas and a string attachment", async () => {
    expect((await run("x", { a: 1 }, { eventSchemas: {} }))?.properties).toEqual({ a: 1 });
  });

  it.each([
    ["not JSON", "{nope", "Invalid JSON! Make sure your file has valid JSON."],
    ["no eventSchemas", { onlyIngestEventsFromFile: true }, "Your file has no specified schemas. Please specify at least one."],
    ["a capitalised type (example 7)", { eventSchemas: { e: { schema: { a: { type: "String" } } } } }, "Your file has invalid option values."],
    ["a non-boolean required", { eventSchemas: { e: { schema: { a: { type: "string", required: "yes" } } } } }, "Your file has invalid option values."],
    ["a non-boolean acceptOnlySchemaProps", { eventSchemas: { e: { acceptOnlySchemaProps: 1, schema: {} } } }, "Your file has invalid option values."],
    ["a missing schema object", { eventSchemas: { e: {} } }, "Your file has invalid option values."],
    ["a non-boolean onlyIngestEventsFromFile", { onlyIngestEventsFromFile: "true", eventSchemas: {} }, "Your file has invalid option values."],
  ])("fails setup on %s", async (_what, contents, message) => {
    const connector = await connect(contents as object);
    await expect(connector.setup()).rejects.toThrow(message);
    await expect(connector.processEvent(createEvent())).rejects.toThrow(message);
  });

  it("requires the schema file", async () => {
    await expect(createTestConnector(dir, { module: plugin })).rejects.toThrow(/eventSchemaFile/);
    expect(() => parseSchemaFile(undefined)).toThrow("Invalid JSON! Make sure your file has valid JSON.");
  });
});
