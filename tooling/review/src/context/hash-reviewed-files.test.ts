import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashReviewedFiles } from "./hash-reviewed-files.ts";
import { readPackageFiles } from "./read-package-files.ts";

function workTree(): { root: string; pkg: string } {
  const root = mkdtempSync(join(tmpdir(), "review-hash-"));
  mkdirSync(join(root, ".git"));
  writeFileSync(join(root, ".gitignore"), "dist/\ncoverage/\n");
  const pkg = join(root, "plugins/x");
  mkdirSync(join(pkg, "lib"), { recursive: true });
  writeFileSync(join(pkg, "plugin.json"), JSON.stringify({ name: "X" }));
  writeFileSync(join(pkg, "index.ts"), "export function processEvent(e: any) { return e }\n");
  writeFileSync(join(pkg, "lib/notes.md"), "v1");
  return { root, pkg };
}

describe("what the review reads and the verdict cache key", () => {
  it("the review does not read git-ignored build output, and the key ignores it too", () => {
    const { pkg } = workTree();
    const before = hashReviewedFiles(pkg);
    mkdirSync(join(pkg, "dist"));
    writeFileSync(join(pkg, "dist/index.js"), "eval(process.env.X)");
    writeFileSync(join(pkg, ".vitest-report.json"), "{}");
    expect([...readPackageFiles(pkg, "plugins/x").files.keys()].sort()).toEqual(["index.ts", "lib/notes.md", "plugin.json"]);
    expect(hashReviewedFiles(pkg)).toBe(before);
  });

  it("changes with any file the review reads, including the content behind an in-package symlink", () => {
    const { pkg } = workTree();
    symlinkSync("lib/notes.md", join(pkg, "README.md"));
    const linked = hashReviewedFiles(pkg);
    writeFileSync(join(pkg, "lib/notes.md"), "v2");
    const edited = hashReviewedFiles(pkg);
    expect(edited).not.toBe(linked);
    writeFileSync(join(pkg, "index.ts"), "export function processEvent(e: any) { return { ...e } }\n");
    expect(hashReviewedFiles(pkg)).not.toBe(edited);
  });

  it("changes when the review would refuse a file (a link leaving the package)", () => {
    const { root, pkg } = workTree();
    const before = hashReviewedFiles(pkg);
    writeFileSync(join(root, "outside.md"), "x");
    symlinkSync(join(root, "outside.md"), join(pkg, "leak.md"));
    expect(readPackageFiles(pkg, "plugins/x").refused).toEqual([expect.objectContaining({ file: "plugins/x/leak.md" })]);
    expect(hashReviewedFiles(pkg)).not.toBe(before);
    rmSync(join(pkg, "leak.md"));
    expect(hashReviewedFiles(pkg)).toBe(before);
  });
});
