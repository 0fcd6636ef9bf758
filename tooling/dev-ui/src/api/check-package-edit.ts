import { transform } from "esbuild";
import { ManifestError } from "@connectors/plugin-api";
import { PluginLoadError, bundleConnector, collectPackageFiles, createPackageSnapshot, resolveSupplyLimits } from "@connectors/harness";
import type { SourceProblem } from "../studio-error.ts";
import { jsonSyntaxProblems, manifestProblems } from "./manifest-problems.ts";
import { packageOrigin } from "./package-origin.ts";

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number } | null;
}

/** A bundler location's file as a package path (`snapshot:lib/x.ts` -> `lib/x.ts`). */
function packagePathOf(file: string): string {
  const at = file.indexOf(":");
  return at > 0 && !file.slice(0, at).includes("/") ? file.slice(at + 1) : file;
}

/** The places a bundling failure names (from esbuild's messages), or the whole message with no place. */
export function bundleProblems(error: PluginLoadError): SourceProblem[] {
  const messages = ((error.cause as { errors?: EsbuildMessage[] } | undefined)?.errors ?? []).filter((m) => m.location);
  if (!messages.length) return [{ file: "", line: 1, column: 1, severity: "error", message: error.message }];
  return messages.map((m) => ({ file: packagePathOf(m.location!.file), line: m.location!.line, column: m.location!.column + 1, severity: "error", message: m.text }));
}

const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Syntax errors of one code file on its own (files the bundle does not reach, such as tests, count too). */
async function syntaxProblems(path: string, text: string): Promise<SourceProblem[]> {
  try {
    await transform(text, { loader: /\.[mc]?ts$/.test(path) ? "ts" : "js", sourcefile: path, logLevel: "silent" });
    return [];
  } catch (error) {
    const messages = (error as { errors?: EsbuildMessage[] }).errors ?? [];
    return messages.map((m) => ({ file: path, line: m.location?.line ?? 1, column: (m.location?.column ?? 0) + 1, severity: "error" as const, message: m.text }));
  }
}

async function bundleCheck(dir: string, path: string, text: string): Promise<SourceProblem[]> {
  const collected = collectPackageFiles(dir, resolveSupplyLimits());
  const files = new Map(collected.files);
  files.set(path, Buffer.from(text));
  try {
    await bundleConnector(createPackageSnapshot(files, packageOrigin(dir)));
    return [];
  } catch (error) {
    if (error instanceof PluginLoadError) return bundleProblems(error);
    if (error instanceof ManifestError) return error.issues.map((issue) => ({ file: "plugin.json", line: 1, column: 1, severity: issue.severity, message: `${issue.path} ${issue.message}` }));
    throw error;
  }
}

/**
 * What would be wrong with the package if `path` held `text`, checked without touching the disk:
 * plugin.json against the manifest schema, a code file's syntax, then the package's files read into
 * memory with the edit laid over them and bundled exactly as a run would. Saving is refused while
 * any problem is an error; warnings are shown and allowed.
 */
export async function checkPackageEdit(dir: string, path: string, text: string): Promise<SourceProblem[]> {
  const own = path === "plugin.json" ? manifestProblems(text, packageOrigin(dir).strictness) : CODE.test(path) ? await syntaxProblems(path, text) : path.endsWith(".json") ? jsonSyntaxProblems(text, path) : [];
  if (own.some((p) => p.severity === "error") || !(CODE.test(path) || path.endsWith(".json"))) return own;
  return [...own, ...(await bundleCheck(dir, path, text))];
}
