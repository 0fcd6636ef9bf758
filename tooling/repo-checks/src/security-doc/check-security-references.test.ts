import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkSecurityReferences, listSecurityReferences } from "./check-security-references.ts";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

describe("this repository's SECURITY.md", () => {
  it("points every promise at a test file that exists and quotes only titles that file has", async () => {
    const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
    expect(await checkSecurityReferences(ROOT, tracked)).toEqual([]);
  });
});

describe("listSecurityReferences", () => {
  it("reads the file, its line and the titles quoted after it, across wrapped lines", () => {
    const markdown = 'intro\nTests: `a/b.test.ts` ("refuses x", "keeps\n  y"), and `c.test.ts`.\n';
    expect(listSecurityReferences(markdown)).toEqual([
      { line: 2, file: "a/b.test.ts", titles: ["refuses x", "keeps y"] },
      { line: 3, file: "c.test.ts", titles: [] },
    ]);
  });
});

describe("checkSecurityReferences", () => {
  let root = "";
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function repository(markdown: string, files: Record<string, string>): Promise<string[]> {
    root = await mkdtemp(path.join(tmpdir(), "security-doc-"));
    await writeFile(path.join(root, "SECURITY.md"), markdown);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    return Object.keys(files);
  }

  it("accepts a bare name that resolves to one file holding every quoted title", async () => {
    const tracked = await repository('`x.test.ts` ("refuses y")', { "p/src/x.test.ts": 'it("refuses y", () => {})' });
    expect(await checkSecurityReferences(root, tracked)).toEqual([]);
  });

  it("reports a missing file, an ambiguous name and a missing title with the SECURITY.md line", async () => {
    const markdown = '`gone.test.ts`\n`x.test.ts`\n`p/src/y.test.ts` ("does z")';
    const tracked = await repository(markdown, { "p/src/x.test.ts": "", "q/src/x.test.ts": "", "p/src/y.test.ts": 'it("does w")' });
    const issues = await checkSecurityReferences(root, tracked);
    expect(issues.map((issue) => `${issue.path} ${issue.message}`)).toEqual([
      "SECURITY.md:1 names gone.test.ts, which does not exist",
      "SECURITY.md:2 names x.test.ts, which matches 2 files (p/src/x.test.ts, q/src/x.test.ts)",
      'SECURITY.md:3 names the test "does z" in p/src/y.test.ts, which has no test with that title',
    ]);
  });
});
