import { findImports, packageName } from "../../ast/find-imports.ts";
import { runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

/** Node built-ins that reach the host: processes, files, sockets, code evaluation, threads. */
export const FORBIDDEN_MODULES: readonly string[] = [
  "child_process", "fs", "fs/promises", "net", "tls", "dgram", "dns", "dns/promises", "http", "https", "http2",
  "vm", "worker_threads", "cluster", "module", "process", "inspector", "v8", "os", "repl", "perf_hooks", "async_hooks", "wasi",
];

/** Flags imports of host-reaching Node built-ins (child_process, fs, net, vm, worker_threads, ...). */
export function checkForbiddenModules(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) =>
    findImports(source.ast)
      .filter((ref) => ref.specifier !== undefined && !ref.typeOnly && isForbiddenModule(ref.specifier))
      .map((ref) => ({
        rule: "security/forbidden-modules",
        category: "security" as const,
        severity: "error" as const,
        file: source.file,
        line: ref.line,
        message: `imports \`${ref.specifier}\`, which gives access to the host (processes, files, network or code evaluation)`,
        fix: "connectors get network access through `fetch` and state through `meta.storage`/`meta.cache` only",
      })),
  );
}

/** True when a specifier names a forbidden built-in (`fs`, `node:fs`, `fs/promises`, ...). */
export function isForbiddenModule(specifier: string): boolean {
  const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return FORBIDDEN_MODULES.includes(bare) || FORBIDDEN_MODULES.includes(packageName(bare));
}
