import { relative } from "node:path";
import { buildRegistry } from "../build/build-registry.ts";

/** Options of `pnpm registry build`. */
export interface BuildCommandOptions {
  root: string;
  outDir?: string;
  baseUrl?: string;
  skipTests?: boolean;
}

/**
 * `pnpm registry build [--out DIR] [--base-url URL] [--skip-tests]`: builds the unsigned catalog
 * (sign it next with `pnpm registry sign`), prints a summary, returns the exit code. The caller
 * (bin.ts) has put the process in keyless mode first.
 */
export async function runBuildCommand(options: BuildCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  const started = performance.now();
  const baseUrl = options.baseUrl ?? process.env.CONNECTORS_REGISTRY_BASE_URL;
  const result = await buildRegistry({
    root: options.root,
    ...(options.outDir ? { outDir: options.outDir } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(options.skipTests ? { skipTests: true } : {}),
  });
  for (const note of result.notes) log(`  note: ${note}`);
  for (const warning of result.warnings) log(`  warning: ${warning.message}`);
  for (const entry of result.catalog.connectors) {
    log(`  ${entry.slug}@${entry.version}  ${entry.type}  ${entry.bundle.size} B  ${entry.bundle.integrity}${entry.revoked ? "  REVOKED" : ""}`);
  }
  const where = relative(process.cwd(), result.outDir) || ".";
  log(`registry: ${result.catalog.connectors.length} connector(s), ${result.catalog.revoked.length} revocation(s) -> ${where}/registry.json (${Math.round(performance.now() - started)} ms)`);
  if (result.warnings.length) log(`${result.warnings.length} approval warning(s): see above and ${where}/build-report.json`);
  log(`unsigned: sign it with \`pnpm registry sign${options.outDir ? ` --dir ${where}` : ""}\` (the build never holds a signing key)`);
  if (options.skipTests) log("warning: --skip-tests: connector tests and conformance were not run; do not publish this catalog");
  return 0;
}
