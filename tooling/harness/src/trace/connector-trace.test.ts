import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { HookFailedError, PluginLoadError } from "../errors.ts";
import { loadConnector, type LoadMode } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { formatCodeFrame } from "./format-code-frame.ts";

const manifest = { name: "Traced", description: "trace test", main: "index.ts", config: [{ key: "token", type: "string", secret: true, default: "" }] };
const files = {
  "plugin.json": manifest,
  "index.ts": ["import { explode } from './lib/explode.ts'", "", "export function processEvent(event: any) {", "  return explode(event)", "}", "export async function onEvent(event: any) {", "  await Promise.resolve()", "  explode(event)", "}"].join("\n"),
  "lib/explode.ts": ["// a helper that fails", "export function explode(event: any): never {", "  const reason = `bad ${event.event}`", "  throw new Error(reason)", "}"].join("\n"),
};

async function failure(promise: Promise<unknown>): Promise<HookFailedError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HookFailedError);
  return error as HookFailedError;
}

describe.each<LoadMode>(["bundle", "sandbox"])("connector errors point at the source (%s mode)", (mode) => {
  it("maps a sync hook failure to lib/explode.ts:4:9 with the connector frames and a code frame", async () => {
    const connector = await createConnector(await loadConnector(tempConnector(files), { mode }), { config: {} });
    const error = await failure(connector.processEvent(event()));
    expect(error.location).toEqual({ file: "lib/explode.ts", line: 4, column: 9, function: "explode" });
    expect(error.connectorStack?.map((frame) => `${frame.file}:${frame.line}`)).toEqual(["lib/explode.ts:4", "index.ts:4"]);
    expect(error.codeFrame).toContain("> 4 |   throw new Error(reason)");
    expect(error.codeFrame).toMatch(/\n {4}\| {9}\^/);
  });

  it("maps an async hook failure (after an await)", async () => {
    const connector = await createConnector(await loadConnector(tempConnector(files), { mode }), { config: {} });
    const error = await failure(connector.onEvent(event()).then(() => connector.flushExports()));
    expect(error.location).toMatchObject({ file: "lib/explode.ts", line: 4 });
    expect(error.connectorStack?.some((frame) => frame.file === "index.ts" && frame.line === 8)).toBe(true);
  });

  it("maps an error thrown by top-level code at load time", async () => {
    const dir = tempConnector({ ...files, "index.ts": "import { explode } from './lib/explode.ts'\nexplode({ event: 'load' })\nexport const processEvent = (e: any) => e" });
    const error = await createConnector(await loadConnector(dir, { mode }), { config: {} }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect((error as PluginLoadError).location).toMatchObject({ file: "lib/explode.ts", line: 4 });
    expect((error as PluginLoadError).connectorStack?.map((frame) => frame.file)).toEqual(["lib/explode.ts", "index.ts"]);
  });

  it("names workspace connectors by their workspace path", async () => {
    const connector = await createConnector(await loadConnector(join(import.meta.dirname, "../../../../plugins/filter-out"), { mode }), { config: {} });
    const error = await failure(connector.setup());
    expect(error.location).toMatchObject({ file: "plugins/filter-out/index.ts", line: 10, function: "setupPlugin" });
  });

  it("redacts secret config values in the code frame", async () => {
    const dir = tempConnector({ ...files, "lib/explode.ts": "export function explode(event: any): never {\n  throw new Error('s3cr3t-token-value is wrong')\n}" });
    const connector = await createConnector(await loadConnector(dir, { mode }), { config: { token: "s3cr3t-token-value" } });
    const error = await failure(connector.processEvent(event()));
    expect(error.codeFrame).toContain("throw new Error(");
    expect(error.codeFrame).not.toContain("s3cr3t-token-value");
    expect(error.message).not.toContain("s3cr3t-token-value");
  });
});

describe("formatCodeFrame", () => {
  it("numbers the lines around the location and puts a caret under the column", () => {
    expect(formatCodeFrame("one\ntwo\n\tthree\nfour\nfive\nsix", 3, 2, 1)).toBe(["  2 | two", "> 3 |  three", "    |  ^", "  4 | four"].join("\n"));
    expect(formatCodeFrame("x", 5, 1)).toBeUndefined();
  });
});
