import { describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { findWorkspaceRoot } from "../load/resolve-source.ts";
import { loadConnector } from "../load/load-connector.ts";
import { event } from "../test-support/temp-connector.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";

const helloWorld = `${findWorkspaceRoot(import.meta.dirname)}/plugins/hello-world`;

describe("sandbox parity with bundle mode (hello-world)", () => {
  it.each([{}, { name: "Alice" }])("gives identical results with config %j", async (config) => {
    const results = [];
    for (const mode of ["bundle", "sandbox"] as const) {
      const connector = await createConnector(await loadConnector(helloWorld, { mode }), { config });
      results.push([await connector.processEvent(event({ properties: { a: 1 } })), await connector.processEvent(event({ properties: undefined })), connector.capabilities(), connector.logs]);
      await connector.teardown();
    }
    expect(results[1]).toEqual(results[0]);
    expect((results[1]![0] as any).properties.hello).toBe(config.name ? "Hello Alice" : "Hello world");
  });

  it("processes a batch of events in one isolate call", async () => {
    const connector = await createConnector(await loadConnector(helloWorld, { mode: "sandbox" }), { config: { name: "Bob" } });
    await connector.setup();
    const sandbox = getConnectorSandbox(connector.plugin)!;
    const events = Array.from({ length: 100 }, (_, i) => event({ properties: { i } }));
    const out = await sandbox.processEventBatch(events, connector.meta);
    expect(out).toHaveLength(100);
    expect(out[99]).toMatchObject({ properties: { i: 99, hello: "Hello Bob" } });
    expect(getConnectorSandbox((await createConnector(await loadConnector(helloWorld))).plugin)).toBeUndefined();
  });
});
