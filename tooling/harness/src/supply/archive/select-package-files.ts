import { errorIssue, type Issue } from "@connectors/plugin-api";
import { SupplyError } from "../supply-error.ts";
import type { SupplyLimits } from "../supply-limits.ts";
import type { UnpackedArchive } from "./unpacked-archive.ts";

/** The single folder every path of an archive sits in (`package/`, `<repo>-<ref>/`), if there is one and plugin.json is not at the top. */
function topFolder(paths: string[]): string | undefined {
  if (paths.includes("plugin.json") || paths.length === 0 || paths.some((path) => !path.includes("/"))) return undefined;
  const tops = new Set(paths.map((path) => path.slice(0, path.indexOf("/"))));
  return tops.size === 1 ? `${[...tops][0]}/` : undefined;
}

function checkCaps(files: Map<string, Buffer>, limits: SupplyLimits): Issue[] {
  if (files.size > limits.maxFiles) return [errorIssue("", `the package has more than ${limits.maxFiles} files`, "publish fewer files, or raise maxFiles (CONNECTORS_MAX_PACKAGE_FILES)")];
  const total = [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);
  if (total > limits.maxTotalBytes) return [errorIssue("", `the package is ${total} bytes, over the ${limits.maxTotalBytes}-byte limit for all files together`, "publish fewer or smaller files, or raise maxTotalBytes (CONNECTORS_MAX_PACKAGE_BYTES)")];
  return [];
}

/**
 * The package inside an unpacked archive: the single wrapping folder dropped (`package/` of npm,
 * `<repo>-<ref>/` of GitHub/GitLab), then only the files under `subdir` (a monorepo's connector),
 * with the snapshot caps applied to what is kept.
 *
 * @throws SupplyError when a kept file is over the per-file cap, or the package is over its caps
 */
export function selectPackageFiles(archive: UnpackedArchive, label: string, limits: SupplyLimits, subdir?: string): Map<string, Buffer> {
  const top = topFolder([...archive.files.keys(), ...archive.oversized.keys()]) ?? "";
  const prefix = `${top}${subdir ? `${subdir.replace(/^\/+|\/+$/g, "")}/` : ""}`;
  const pick = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
  const issues: Issue[] = [];
  for (const [path, size] of archive.oversized) {
    const kept = pick(path);
    if (kept !== undefined) issues.push(errorIssue(kept, `is ${size} bytes, over the ${limits.maxFileBytes}-byte limit per file`, "keep large data out of the package, or raise maxFileBytes (CONNECTORS_MAX_FILE_BYTES)"));
  }
  const files = new Map<string, Buffer>();
  for (const [path, bytes] of archive.files) {
    const kept = pick(path);
    if (kept) files.set(kept, bytes);
  }
  issues.push(...checkCaps(files, limits));
  if (issues.length) throw new SupplyError(label, issues);
  return files;
}
