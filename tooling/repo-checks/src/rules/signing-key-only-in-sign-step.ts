import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { isRecord, listJobs, listSteps, type LocatedStep } from "../workflow-model.ts";
import type { WorkflowFile } from "../load-workflow-file.ts";
import type { WorkflowIssue } from "../workflow-issue.ts";

const NAME = "signing-key-only-in-sign-step";
const SIGNING_SECRET = /\$\{\{[^}]*\bsecrets\s*(?:\.\s*CONNECTORS_SIGNING_KEY\b|\[\s*['"]CONNECTORS_SIGNING_KEY['"]\s*\])/;
const SIGN_COMMAND = /^pnpm\s+(?:-s\s+)?registry\s+sign(?:\s|$)/;
/** Shell lines that run nothing: comments, conditionals around the key check, echo, exit. */
const INERT_LINE = /^(?:#.*|if\s.*|then|else|fi|echo\s.*|exit(?:\s+\d+)?|\[.*\]\s*(?:&&|\|\|).*(?:echo|exit).*)?$/;
/** Commands that bundle, load or test connector code: never in the job that holds the key. */
const RUNS_CONNECTOR_CODE = /\b(?:registry\s+build|registry\s+approve|vitest|turbo|pnpm\s+(?:-\S+\s+)?(?:test|bench|connectors)|connectors\s+(?:run|review|install|dev))\b/;

function walk(value: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index], visit));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) walk(item, [...path, key], visit);
}

/** Where the file mentions the signing secret. */
function secretReferences(file: WorkflowFile): (string | number)[][] {
  const found: (string | number)[][] = [];
  walk(file.data, [], (value, at) => typeof value === "string" && SIGNING_SECRET.test(value) && found.push(at));
  return found;
}

/** True when every command of the step's `run` is inert or `pnpm registry sign`, and at least one signs. */
function onlySigns(step: Record<string, unknown>): boolean {
  if (typeof step["run"] !== "string" || step["uses"] !== undefined) return false;
  const lines = step["run"].split("\n").map((line) => line.trim());
  return lines.some((line) => SIGN_COMMAND.test(line)) && lines.every((line) => INERT_LINE.test(line) || SIGN_COMMAND.test(line));
}

function judge(file: WorkflowFile, at: (string | number)[], steps: LocatedStep[]): WorkflowIssue | undefined {
  const [root, jobId, stepsKey, index, envKey] = at;
  const step = steps.find((s) => s.jobId === jobId && s.path[3] === index);
  const issue = (message: string) => reportIssue(file, NAME, at, message, "pass secrets.CONNECTORS_SIGNING_KEY only in the env of a step that runs `pnpm registry sign` and nothing else, in a job that neither builds, tests nor reviews connectors");
  if (root !== "jobs" || stepsKey !== "steps" || envKey !== "env" || !step) return issue("the signing key is given outside a single step's env (workflow, job, `with:` or a reusable workflow's secrets)");
  if (!onlySigns(step.step)) return issue(`step ${JSON.stringify(step.step["name"] ?? index)} gets the signing key but runs more than \`pnpm registry sign\``);
  const builder = steps.find((s) => s.jobId === jobId && typeof s.step["run"] === "string" && RUNS_CONNECTOR_CODE.test(s.step["run"]));
  if (builder) return issue(`job "${String(jobId)}" holds the signing key and also runs connector code (${JSON.stringify(builder.step["name"] ?? builder.path.at(-1))}), which could leave something behind for the sign step`);
  return undefined;
}

/**
 * The release signing key (`secrets.CONNECTORS_SIGNING_KEY`) reaches exactly one kind of place: the
 * env of a step that only runs `pnpm registry sign`, in a job that never builds, tests or reviews
 * connector code. The build runs untrusted connector code; the signer never does.
 */
export const signingKeyOnlyInSignStep: WorkflowRule = {
  name: NAME,
  description: "the catalog signing key is only given to `pnpm registry sign`, in a job that runs no connector code",
  check(file) {
    const steps = listSteps(file);
    const inherited = listJobs(file)
      .filter(({ job }) => job["secrets"] === "inherit")
      .map(({ path }) => reportIssue(file, NAME, [...path, "secrets"], "`secrets: inherit` hands the signing key (and every other secret) to a reusable workflow", "pass only the secrets that workflow needs, and never CONNECTORS_SIGNING_KEY to one that builds"));
    return [...secretReferences(file).flatMap((at) => judge(file, at, steps) ?? []), ...inherited];
  },
};
