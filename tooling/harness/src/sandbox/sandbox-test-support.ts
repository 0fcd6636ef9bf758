import { createConnector } from "../create-connector.ts";
import type { ConnectorOptions } from "../connector-options.ts";
import { loadConnector, type LoadMode } from "../load/load-connector.ts";
import { tempConnector } from "../test-support/temp-connector.ts";
import type { SandboxOptions } from "./sandbox-options.ts";

/** A throwaway connector from `code` (index.js), loaded in sandbox mode (short limits) or another mode, for tests. */
export async function sandboxedConnector(
  code: string,
  options: ConnectorOptions = {},
  { manifest = {}, sandbox = {}, mode = "sandbox", files = {} }: { manifest?: object; sandbox?: SandboxOptions; mode?: LoadMode; files?: Record<string, string> } = {},
) {
  const dir = tempConnector({ "plugin.json": { name: "Test", ...manifest }, "index.js": code, ...files });
  return createConnector(await loadConnector(dir, { mode, sandbox: { cpuTimeoutMs: 300, memoryLimitMb: 32, ...sandbox } }), options);
}

/** What a promise rejected with (fails when it resolves). */
export async function rejection(run: () => unknown): Promise<any> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
