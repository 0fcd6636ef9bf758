import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { listSteps } from "../workflow-model.ts";

const NAME = "no-untrusted-interpolation";
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const EVENT_REFERENCE = /\bgithub\s*\.\s*(event(?:\s*\.\s*[\w-]+|\s*\[[^\]]*\])*|head_ref)/g;
/** Leaf fields GitHub sets itself (numbers, ids, SHAs, enum values): safe to interpolate. */
const SAFE_LEAF = /(^|\.)(number|id|sha|head_sha|before|after|run_id|run_number|run_attempt|default_branch|conclusion|action|created|deleted|forced)$/;

/**
 * No `run:` script (nor `actions/github-script` `script:`) interpolates `${{ github.event.* }}` or
 * `${{ github.head_ref }}` text: a PR title, branch name or comment becomes shell code. Pass the value
 * through `env:` and quote the variable instead. Numeric ids, SHAs and GitHub's own enum values are allowed.
 */
export const noUntrustedInterpolation: WorkflowRule = {
  name: NAME,
  description: "event text (titles, bodies, branch names) is never interpolated into scripts; it goes through env",
  check(file) {
    return listSteps(file).flatMap(({ path, step }) => {
      const scripts: { key: (string | number)[]; text: unknown }[] = [{ key: [...path, "run"], text: step["run"] }];
      const withInputs = step["with"];
      if (typeof step["uses"] === "string" && step["uses"].startsWith("actions/github-script@") && withInputs !== null && typeof withInputs === "object") {
        scripts.push({ key: [...path, "with", "script"], text: (withInputs as Record<string, unknown>)["script"] });
      }
      return scripts.flatMap(({ key, text }) =>
        typeof text === "string"
          ? findUntrustedReferences(text).map((reference) =>
              reportIssue(
                file,
                NAME,
                key,
                `"\${{ ${reference} }}" is interpolated into a script; its text comes from whoever opened the PR or comment`,
                `set env: VALUE: \${{ ${reference} }} on the step and use "$VALUE" in the script`,
              ),
            )
          : [],
      );
    });
  },
};

/**
 * The untrusted `github.event…`/`github.head_ref` references inside `${{ }}` expressions of a script.
 *
 * @example
 * findUntrustedReferences('echo "${{ github.event.pull_request.title }}"') // ["github.event.pull_request.title"]
 */
export function findUntrustedReferences(script: string): string[] {
  const found: string[] = [];
  for (const [, expression = ""] of script.matchAll(EXPRESSION)) {
    for (const [, reference = ""] of expression.matchAll(EVENT_REFERENCE)) {
      const normalized = `github.${reference.replace(/\s+/g, "")}`;
      if (!SAFE_LEAF.test(normalized) || normalized === "github.event") found.push(normalized);
    }
  }
  return found;
}
