import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Issue } from "@connectors/plugin-api";

/** A test file SECURITY.md names, the line that names it, and the test titles quoted after it. */
export interface SecurityReference {
  line: number;
  file: string;
  titles: string[];
}

const TEST_FILE = /`([\w./-]+\.test\.ts)`(?:\s*\(((?:\s*"[^"]+",?)+)\s*\))?/g;
const QUOTED = /"([^"]+)"/g;

/**
 * Every test file SECURITY.md names in backticks (`…/x.test.ts`), with the test titles quoted in
 * parentheses right after it (`` `x.test.ts` ("refuses …", "keeps …") ``). Titles may wrap lines.
 *
 * @param markdown - the text of SECURITY.md
 */
export function listSecurityReferences(markdown: string): SecurityReference[] {
  const references: SecurityReference[] = [];
  for (const match of markdown.matchAll(TEST_FILE)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    const titles = [...(match[2] ?? "").matchAll(QUOTED)].map((quoted) => quoted[1]!.replace(/\s*\n\s*/g, " "));
    references.push({ line, file: match[1]!, titles });
  }
  return references;
}

/**
 * Checks that each promise in SECURITY.md points at a test that exists: every named test file resolves
 * to exactly one tracked file (a bare name by its basename), and every quoted title appears in it.
 *
 * @param root - the repository root
 * @param trackedFiles - the repository's files, relative to `root` (e.g. from `git ls-files`)
 * @returns one error per broken reference, with the SECURITY.md line in its path
 */
export async function checkSecurityReferences(root: string, trackedFiles: readonly string[]): Promise<Issue[]> {
  const markdown = await readFile(path.join(root, "SECURITY.md"), "utf8");
  const issues: Issue[] = [];
  for (const reference of listSecurityReferences(markdown)) {
    const candidates = resolveTestFile(reference.file, trackedFiles);
    const where = `SECURITY.md:${reference.line}`;
    if (candidates.length !== 1) {
      issues.push(unresolved(where, reference.file, candidates));
      continue;
    }
    const source = await readFile(path.join(root, candidates[0]!), "utf8");
    for (const title of reference.titles.filter((title) => !source.includes(title))) {
      issues.push({
        path: where,
        severity: "error",
        message: `names the test "${title}" in ${candidates[0]}, which has no test with that title`,
        fix: "quote the test's exact title (or write the test the promise relies on)",
      });
    }
  }
  return issues;
}

function resolveTestFile(file: string, trackedFiles: readonly string[]): string[] {
  if (file.includes("/")) return trackedFiles.filter((tracked) => tracked === file || tracked.endsWith(`/${file}`));
  return trackedFiles.filter((tracked) => path.posix.basename(tracked) === file);
}

function unresolved(where: string, file: string, candidates: string[]): Issue {
  if (candidates.length === 0) {
    return { path: where, severity: "error", message: `names ${file}, which does not exist`, fix: "point at the test that proves the promise, or write it" };
  }
  return {
    path: where,
    severity: "error",
    message: `names ${file}, which matches ${candidates.length} files (${candidates.join(", ")})`,
    fix: "give the path from the repository root",
  };
}
