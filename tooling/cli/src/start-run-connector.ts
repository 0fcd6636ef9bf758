import { SandboxPool, createConnector, type Connector, type ConnectorOptions, type LoadedConnector } from "@connectors/harness";
import { UsageError } from "./read-input.ts";

/** Where `run` keeps a sandboxed connector's isolate: a child process, or the CLI's own process. */
export type IsolateProcess = "child" | "in-process";

/** `--process` as given, checked (undefined: the default for the source). */
export function readIsolateProcess(value: string | undefined): IsolateProcess | undefined {
  if (value === undefined || value === "child" || value === "in-process") return value;
  throw new UsageError(`--process must be child or in-process (got "${value}")`);
}

/**
 * The connector `run` works with, and how to end it. An untrusted source (not a workspace package) runs
 * its isolate in a child process by default, so a connector that exhausts V8's heap ends that process
 * with a SandboxProcessError the CLI reports, not the CLI itself; `--process in-process` keeps it here.
 */
export async function startRunConnector(loaded: LoadedConnector, options: ConnectorOptions, where: IsolateProcess | undefined): Promise<{ connector: Connector; teardown(): Promise<void> }> {
  const sandboxed = loaded.mode === "sandbox";
  if (where === "child" && !sandboxed) throw new UsageError("--process child runs the sandbox's isolate in a child process: add --sandbox (or leave out --trust)");
  const inChild = where === "child" || (where === undefined && sandboxed && !loaded.source.snapshot.trusted);
  if (!inChild) {
    const connector = await createConnector(loaded, options);
    return { connector, teardown: () => connector.teardown() };
  }
  const pool = await SandboxPool.create(loaded, { ...options, size: 1, process: "child", restarts: { maxRestarts: 1 } });
  return { connector: pool.connectors[0]!, teardown: () => pool.teardown() };
}
