import { createHash } from "node:crypto";
import { readPackageFiles } from "./read-package-files.ts";

/**
 * `sha256:<hex>` over a connector package exactly as the review reads it ({@link readPackageFiles}: the
 * package's own files by the supply rules, build output left out) — every path and its bytes, sorted,
 * and every refusal. Equal hashes mean the review reads the same package, so a cached verdict keyed by it
 * can never outlive a change the review would see.
 */
export function hashReviewedFiles(dir: string): string {
  const { files, refused } = readPackageFiles(dir, ".");
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) hash.update(`file\0${path}\0${files.get(path)!.length}\0`).update(files.get(path)!);
  for (const { file, message } of refused) hash.update(`refused\0${file}\0${message}\0`);
  return `sha256:${hash.digest("hex")}`;
}
