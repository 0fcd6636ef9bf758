import { DEFAULT_TIMEOUT_MS, type ConnectorOptions } from "../../connector-options.ts";
import { PluginLoadError } from "../../errors.ts";
import type { LoadedConnector } from "../../load/load-connector.ts";
import { attachTrace } from "../../trace/source-location.ts";
import { resolveBufferLimits } from "../../records/buffer-limits.ts";
import { buildPrelude } from "../build-prelude.ts";
import { toSandboxPlugin } from "../load-sandboxed.ts";
import type { SandboxExports } from "../connector-sandbox.ts";
import type { SandboxOptions } from "../sandbox-options.ts";
import type { CreateInstance } from "./protocol.ts";
import { RemoteSandbox } from "./remote-sandbox.ts";
import type { SandboxProcess } from "./sandbox-process.ts";

/**
 * Creates `count` instances of a sandbox-mode connector in `process` and answers a LoadedConnector whose
 * `instantiate` hands them out in order, each bound to the globals its Connector makes. Operations an
 * instance's top-level code made before that wait for the binding.
 */
export async function childInstances(loaded: LoadedConnector, process: SandboxProcess, count: number, options: ConnectorOptions, sandbox: SandboxOptions = {}): Promise<{ loaded: LoadedConnector; remotes: RemoteSandbox[] }> {
  const limits = resolveBufferLimits(options.bufferLimits);
  const { memoryLimitMb, cpuTimeoutMs, maxPendingOps, maxPendingTimers, maxValueBytes, maxResponseBytes } = sandbox;
  const wireOptions = Object.fromEntries(Object.entries({ memoryLimitMb, cpuTimeoutMs, maxPendingOps, maxPendingTimers, maxValueBytes, maxResponseBytes }).filter(([, value]) => value !== undefined));
  const create: CreateInstance = {
    slug: loaded.source.slug,
    entryFile: loaded.source.entryFile,
    code: loaded.bundle!.code,
    prelude: await buildPrelude(),
    options: wireOptions,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    background: { cpuMs: limits.backgroundCpuMs, windowMs: limits.backgroundWindowMs },
  };
  const remotes = Array.from({ length: count }, (_, instance) => new RemoteSandbox(process, instance + 1, loaded.source, create, sandbox));
  const exports: SandboxExports[] = [];
  try {
    for (const remote of remotes) exports.push(await remote.start());
  } catch (error) {
    throw error instanceof PluginLoadError && loaded.trace ? attachTrace(error, loaded.trace(error.cause)) : error;
  }
  let next = 0;
  return {
    remotes,
    loaded: {
      ...loaded,
      instantiate(globals) {
        const index = next++;
        const remote = remotes[index]!;
        remote.bind(globals);
        return toSandboxPlugin(loaded.source.slug, remote, exports[index]!);
      },
    },
  };
}
