import { createHash } from "node:crypto";
import { join } from "node:path";
import { asRecord, parseJson } from "./create-connector-context.ts";
import { readInstalled } from "./load-connector-context.ts";
import { listWorkspacePackages } from "./list-workspace-packages.ts";
import { readPackageFiles, type PackageFiles } from "./read-package-files.ts";

/**
 * `sha256:<hex>` over a connector package exactly as the review reads it ({@link readPackageFiles}: the
 * package's own files by the supply rules, build output left out) — every path and its bytes, sorted,
 * and every refusal. Equal hashes mean the review reads the same package, so a cached verdict keyed by it
 * can never outlive a change the review would see.
 */
export function hashReviewedFiles(dir: string): string {
  return digestPackageFiles(readPackageFiles(dir, "."));
}

function digestPackageFiles({ files, refused }: PackageFiles): string {
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) hash.update(`file\0${path}\0${files.get(path)!.length}\0`).update(files.get(path)!);
  for (const { file, message } of refused) hash.update(`refused\0${file}\0${message}\0`);
  return `sha256:${hash.digest("hex")}`;
}

/**
 * `sha256:<hex>` over everything the review of `plugins/<slug>`-style package `dir` (relative to the
 * repository `root`) reads from the checkout: its files ({@link hashReviewedFiles}), the installed
 * manifests of its dependencies and the workspace's package names. The key a cached verdict needs.
 */
export async function hashReviewInput(root: string, dir: string): Promise<string> {
  const read = readPackageFiles(join(root, dir), ".");
  const packageJson = asRecord(parseJson(read.files.get("package.json")?.toString("utf8")));
  const installed = await readInstalled(root, dir, packageJson);
  const context = JSON.stringify({ installed: Object.entries(installed).sort(([a], [b]) => a.localeCompare(b)), workspace: [...listWorkspacePackages(root)].sort() });
  return `sha256:${createHash("sha256").update(digestPackageFiles(read)).update("\0").update(context).digest("hex")}`;
}
