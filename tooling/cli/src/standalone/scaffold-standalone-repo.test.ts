import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scaffoldStandaloneRepo } from "./scaffold-standalone-repo.ts";

let temp: string | undefined;
afterEach(() => temp && rmSync(temp, { recursive: true, force: true }));

function freshDir(): string {
  temp = mkdtempSync(join(tmpdir(), "standalone-scaffold-"));
  return temp;
}

describe("scaffoldStandaloneRepo", () => {
  it("writes a posthog-<slug>-plugin repository on the toolkit versions the CLI runs with", () => {
    const { dir, files } = scaffoldStandaloneRepo(join(freshDir(), "posthog-greet-plugin"));
    expect(files).toEqual(expect.arrayContaining(["index.ts", "index.test.ts", "plugin.json", "package.json", "README.md", "CHANGELOG.md", ".gitignore", "tsconfig.json", "vitest.config.ts", ".github/workflows/ci.yml"]));
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.name).toBe("posthog-greet-plugin");
    expect(pkg.scripts).toMatchObject({ test: "connectors test", review: "connectors review ." });
    expect(pkg.devDependencies["@connectors/cli"]).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.devDependencies.vitest).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.stringify(pkg)).not.toContain("workspace:");
    expect(JSON.parse(readFileSync(join(dir, "plugin.json"), "utf8")).name).toBe("Greet");
  });

  it("refuses a folder that is not empty and a bad slug, naming the fix", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "keep.txt"), "mine");
    expect(() => scaffoldStandaloneRepo(dir, "greet")).toThrow(/is not empty; pick a new folder/);
    expect(() => scaffoldStandaloneRepo(join(dir, "x"), "Bad Slug")).toThrow(/not a valid slug/);
    expect(readFileSync(join(dir, "keep.txt"), "utf8")).toBe("mine");
  });
});
