import { createConnector } from "../create-connector.ts";
import type { ConnectorOptions } from "../connector-options.ts";
import { loadConnector, type LoadMode } from "../load/load-connector.ts";
import { tempConnector } from "../test-support/temp-connector.ts";
import type { SandboxOptions } from "./sandbox-options.ts";
import { getSandboxHandle } from "./load-sandboxed.ts";
import type { SandboxPool } from "./sandbox-pool.ts";

/**
 * A throwaway connector from `code` (index.js), loaded in sandbox mode (a 32 MiB heap) or another mode, for tests.
 *
 * The hook budget is the harness's own: the connector's `timeoutMs`, else
 * `DEFAULT_SANDBOX_CPU_TIMEOUT_MS` (30 s, sandbox-options.ts). It is wall-clock time and host operations (fetch, cache,
 * pg, a first SDK load) count against it, so a short default fails waiting hooks on a busy machine although
 * the code is right. A test about a budget (a runaway loop, a deadline, a late host call) names a short one
 * in `sandbox.cpuTimeoutMs`; a runaway stopped by it is deterministic.
 */
export async function sandboxedConnector(
  code: string,
  options: ConnectorOptions = {},
  { manifest = {}, sandbox = {}, mode = "sandbox", files = {} }: { manifest?: object; sandbox?: SandboxOptions; mode?: LoadMode; files?: Record<string, string> } = {},
) {
  const dir = tempConnector({ "plugin.json": { name: "Test", ...manifest }, "index.js": code, ...files });
  return createConnector(await loadConnector(dir, { mode, sandbox: { memoryLimitMb: 32, ...sandbox } }), options);
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

/**
 * Wraps processEventMessages of every instance of `pool` to record how many calls were in flight at once,
 * on one instance and over all of them (read the counts after the work).
 */
export function countInFlight(pool: SandboxPool): { mostOnOne: number; mostOverall: number } {
  const seen = { mostOnOne: 0, mostOverall: 0 };
  let overall = 0;
  for (const connector of pool.connectors) {
    const handle = getSandboxHandle(connector.plugin)!;
    const run = handle.processEventMessages.bind(handle);
    let onOne = 0;
    handle.processEventMessages = async (batch, meta) => {
      seen.mostOnOne = Math.max(seen.mostOnOne, ++onOne);
      seen.mostOverall = Math.max(seen.mostOverall, ++overall);
      try {
        return await run(batch, meta);
      } finally {
        onOne--;
        overall--;
      }
    };
  }
  return seen;
}
