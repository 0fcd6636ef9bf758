import { createRequire } from "node:module";
import { RetryError, type Plugin } from "@connectors/plugin-api";
import { bundleConnector, readPackageSnapshot } from "@connectors/harness";

const require = createRequire(import.meta.url);

/**
 * PostHog's old sandbox as a baseline: the connector's bundle evaluated in a vm2 `VM` (the way the
 * plugin server did, with the host's meta passed in), its hooks called from the host.
 */
export async function loadInVm2(dir: string): Promise<Plugin> {
  const { VM } = require("vm2") as typeof import("vm2");
  const bundle = await bundleConnector(await readPackageSnapshot(dir));
  const vm = new VM({ timeout: 30_001, sandbox: {} });
  vm.freeze(RetryError, "RetryError");
  vm.freeze(console, "console");
  vm.freeze((name: string) => {
    throw new Error(`Cannot import '${name}' in the vm2 baseline`);
  }, "require");
  const exports = vm.run(`const module = { exports: {} }; let exports = module.exports;\n${bundle.code}\n;module.exports`) as Record<string, unknown>;
  return (exports.processEvent ? exports : (exports.default as Record<string, unknown>)) as Plugin;
}
