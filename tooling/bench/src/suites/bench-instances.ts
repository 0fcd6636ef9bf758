import type { Plugin } from "@connectors/plugin-api";
import { SandboxPool, getConnectorSandbox, loadConnector, type Connector, type ConnectorSandbox } from "@connectors/harness";
import { benchOptions, instantiate, type BenchTarget } from "./load-transformation.ts";
import { loadInVm2 } from "./vm2-baseline.ts";

/**
 * One target loaded every way the harness suite compares: in-process, sandboxed (one isolate, a pool of
 * two, and a pool of two whose isolates live in a child process), and vm2.
 */
export interface BenchInstances {
  imported: Connector;
  bundled: Connector;
  sandboxed?: { connector: Connector; sandbox: ConnectorSandbox; pool: SandboxPool; childPool: SandboxPool };
  vm2?: Plugin;
  /** Why the sandbox or vm2 could not be loaded (they are then left out of the figures). */
  skipped: { sandbox?: string; vm2?: string };
  close(): Promise<void>;
}

function firstLine(error: unknown): string {
  return `not measured: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
}

/** Loads `target` once for both batch shapes of the harness suite. */
export async function loadBenchInstances(target: BenchTarget): Promise<BenchInstances> {
  const imported = await instantiate(target, "import");
  const bundled = await instantiate(target, "bundle");
  const closers: Array<{ teardown(): Promise<void> }> = [imported, bundled];
  const instances: BenchInstances = { imported, bundled, skipped: {}, close: async () => void (await Promise.all(closers.map((c) => c.teardown()))) };
  try {
    const connector = await instantiate(target, "sandbox");
    closers.push(connector);
    const loaded = await loadConnector(target.dir, { mode: "sandbox" });
    const pool = await SandboxPool.create(loaded, { size: 2, ...benchOptions(target) });
    closers.push(pool);
    const childPool = await SandboxPool.create(loaded, { size: 2, process: "child", ...benchOptions(target) });
    closers.push(childPool);
    instances.sandboxed = { connector, sandbox: getConnectorSandbox(connector.plugin)!, pool, childPool };
  } catch (error) {
    instances.skipped.sandbox = firstLine(error);
  }
  try {
    instances.vm2 = await loadInVm2(target.dir);
  } catch (error) {
    instances.skipped.vm2 = firstLine(error);
  }
  return instances;
}
