import { findImports, packageName } from "../../ast/find-imports.ts";
import { runtimeSources } from "../../ast/finding-at.ts";
import { analyzeConnector } from "../../analysis/connector-analysis.ts";
import { findComputedImports } from "../../analysis/find-computed-imports.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

/** Node built-ins that reach the host: processes, files, sockets, code evaluation, threads. */
export const FORBIDDEN_MODULES: readonly string[] = [
  "child_process", "fs", "fs/promises", "net", "tls", "dgram", "dns", "dns/promises", "http", "https", "http2",
  "vm", "worker_threads", "cluster", "module", "process", "inspector", "v8", "os", "repl", "perf_hooks", "async_hooks", "wasi",
];

function forbidden(file: string, line: number, specifier: string): Finding {
  return {
    rule: "security/forbidden-modules",
    category: "security",
    severity: "error",
    file,
    line,
    message: `imports \`${specifier}\`, which gives access to the host (processes, files, network or code evaluation)`,
    fix: "connectors get network access through `fetch` and state through `meta.storage`/`meta.cache` only",
  };
}

/**
 * Flags imports of host-reaching Node built-ins (child_process, fs, net, vm, worker_threads, ...),
 * also when `require(…)` / `import(…)` computes the name (`["child", "process"].join("_")`).
 */
export function checkForbiddenModules(ctx: ConnectorContext): Finding[] {
  const literal = runtimeSources(ctx.sources).flatMap((source) =>
    findImports(source.ast)
      .filter((ref) => ref.specifier !== undefined && !ref.typeOnly && isForbiddenModule(ref.specifier))
      .map((ref) => forbidden(source.file, ref.line, ref.specifier!)),
  );
  const computed = findComputedImports(analyzeConnector(ctx))
    .filter((ref) => ref.specifier !== undefined && isForbiddenModule(ref.specifier))
    .map((ref) => forbidden(ref.source.file, ref.line, ref.specifier!));
  return [...literal, ...computed];
}

/** True when a specifier names a forbidden built-in (`fs`, `node:fs`, `fs/promises`, ...). */
export function isForbiddenModule(specifier: string): boolean {
  const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return FORBIDDEN_MODULES.includes(bare) || FORBIDDEN_MODULES.includes(packageName(bare));
}
