import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadWorkflowFile } from "../load-workflow-file.ts";
import type { WorkflowRule } from "../workflow-rule.ts";
import { WORKFLOW_RULES } from "./index.ts";
import { noPrTargetHeadCheckout } from "./no-pr-target-head-checkout.ts";
import { noSecretsOnPullRequest } from "./no-secrets-on-pull-request.ts";
import { findUntrustedReferences, noUntrustedInterpolation } from "./no-untrusted-interpolation.ts";
import { noWritePermissionsOnPullRequest } from "./no-write-permissions-on-pull-request.ts";
import { requireCheckoutWithoutCredentials } from "./require-checkout-without-credentials.ts";
import { requirePinnedActions } from "./require-pinned-actions.ts";
import { requireTopLevelPermissions } from "./require-top-level-permissions.ts";
import { signingKeyOnlyInSignStep } from "./signing-key-only-in-sign-step.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const check = async (rule: WorkflowRule, name: string) => rule.check(await loadWorkflowFile(fixture(name), name));

describe("repo rules on the good fixture", () => {
  it.each(WORKFLOW_RULES.map((rule) => [rule.name, rule] as const))("%s finds nothing", async (_name, rule) => {
    expect(await check(rule, "good-workflow.yml")).toEqual([]);
  });
});

describe("each rule fails its bad fixture", () => {
  it("no-pr-target-head-checkout flags a head checkout and gh pr checkout", async () => {
    const issues = await check(noPrTargetHeadCheckout, "bad-pr-target-head-checkout.yml");
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ["/jobs/review/steps/0/with/ref", 14],
      ["/jobs/review/steps/2/run", 17],
    ]);
    expect(issues.every((issue) => issue.severity === "error" && issue.rule === "no-pr-target-head-checkout")).toBe(true);
  });

  it("require-top-level-permissions flags missing and write permissions", async () => {
    const missing = await check(requireTopLevelPermissions, "bad-missing-permissions.yml");
    expect(missing).toMatchObject([{ path: "/on", line: 3, severity: "error" }]);
    const write = await check(requireTopLevelPermissions, "bad-top-level-write.yml");
    expect(write).toMatchObject([{ path: "/permissions", message: expect.stringContaining("contents: write") }]);
  });

  it("no-write-permissions-on-pull-request flags a job's write scope", async () => {
    const issues = await check(noWritePermissionsOnPullRequest, "bad-pull-request-write.yml");
    expect(issues).toMatchObject([{ path: "/jobs/comment/permissions", message: expect.stringContaining("pull-requests: write") }]);
  });

  it("no-secrets-on-pull-request flags secrets.* and secrets: inherit", async () => {
    const issues = await check(noSecretsOnPullRequest, "bad-pull-request-secrets.yml");
    expect(issues.map((issue) => issue.path)).toEqual(["/jobs/test/steps/0/env/NPM_TOKEN", "/jobs/call/secrets"]);
    expect(JSON.stringify(issues)).not.toContain("NPM_TOKEN }}");
  });

  it("require-pinned-actions flags tags, branches, docker tags, reusable workflows, and a missing # vX comment", async () => {
    const issues = await check(requirePinnedActions, "bad-unpinned-actions.yml");
    expect(issues.map((issue) => [issue.path, issue.severity])).toEqual([
      ["/jobs/build/steps/0/uses", "error"],
      ["/jobs/build/steps/1/uses", "error"],
      ["/jobs/build/steps/2/uses", "warning"],
      ["/jobs/build/steps/3/uses", "error"],
      ["/jobs/reuse/uses", "error"],
    ]);
  });

  it("no-untrusted-interpolation flags event text in run: and github-script", async () => {
    const issues = await check(noUntrustedInterpolation, "bad-untrusted-interpolation.yml");
    expect(issues.map((issue) => issue.message.match(/\$\{\{ (\S+) \}\}/)?.[1])).toEqual([
      "github.event.pull_request.title",
      "github.head_ref",
      "github.event.pull_request.body",
    ]);
  });

  it("require-checkout-without-credentials flags a default checkout", async () => {
    const issues = await check(requireCheckoutWithoutCredentials, "bad-persisted-credentials.yml");
    expect(issues).toMatchObject([{ path: "/jobs/build/steps/0/uses", line: 10 }]);
  });

  it("rules apply to composite action steps too", async () => {
    const file = await loadWorkflowFile(fixture("bad-composite/action.yml"), "bad-composite/action.yml");
    expect(file.kind).toBe("action");
    const rules = WORKFLOW_RULES.flatMap((rule) => rule.check(file).map((issue) => issue.rule));
    expect(rules.sort()).toEqual(["no-untrusted-interpolation", "require-checkout-without-credentials", "require-pinned-actions"]);
  });
});

describe("findUntrustedReferences", () => {
  it.each([
    ["${{ github.event.issue.title }}", ["github.event.issue.title"]],
    ["${{ github.event['comment']['body'] }}", ["github.event['comment']['body']"]],
    ["${{ toJSON(github.event) }}", ["github.event"]],
    ["${{ github.event.pull_request.number }} ${{ github.event.workflow_run.id }}", []],
    ["${{ github.event.pull_request.head.sha }} ${{ github.sha }}", []],
    ["echo $TITLE", []],
  ])("%s", (script, expected) => {
    expect(findUntrustedReferences(script)).toEqual(expected);
  });
});

describe("signing-key-only-in-sign-step", () => {
  it("accepts the key on a step that only signs, in a job that builds nothing", async () => {
    expect(await check(signingKeyOnlyInSignStep, "good-registry-signing.yml")).toEqual([]);
  });

  it("flags the key in workflow env, beside a build, in a step that also builds, in `with:`, and secrets: inherit", async () => {
    const issues = await check(signingKeyOnlyInSignStep, "bad-signing-key-exposed.yml");
    expect(issues.map((issue) => [issue.path, issue.message.replace(/ \(.*$/, "")])).toEqual([
      ["/env/CONNECTORS_SIGNING_KEY", "the signing key is given outside a single step's env"],
      ["/jobs/build-and-sign/steps/1/env/CONNECTORS_SIGNING_KEY", 'job "build-and-sign" holds the signing key and also runs connector code'],
      ["/jobs/sign-and-more/steps/0/env/KEY", 'step "Build and sign in one step" gets the signing key but runs more than `pnpm registry sign`'],
      ["/jobs/action/steps/0/with/key", "the signing key is given outside a single step's env"],
      ["/jobs/call/secrets", "`secrets: inherit` hands the signing key"],
    ]);
    expect(issues.every((issue) => issue.severity === "error" && issue.line !== undefined)).toBe(true);
  });
});
