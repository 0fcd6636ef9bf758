#!/usr/bin/env -S npx tsx
import { parseArgs } from "node:util";
import { hasErrors } from "@connectors/plugin-api";
import { checkRepository, formatWorkflowIssues } from "./check-repository.ts";
import { listChangedPackages } from "./list-changed-packages.ts";
import { planTestShards } from "./plan-test-shards.ts";
import { writeGithubOutputs } from "./write-github-outputs.ts";
import { createPullRequestHeadLookup } from "./fetch-pull-request-head.ts";
import { copyVerifiedArtifact, verifyReviewArtifact } from "./verify-review-artifact.ts";

const USAGE = `Usage:
  tsx tooling/repo-checks/src/bin.ts check [--root DIR]
      actionlint + fork-safety rules on .github/workflows/*.yml and .github/actions/*/action.yml; exit 1 on errors
  tsx tooling/repo-checks/src/bin.ts changed [--since REF] [--packages-per-shard N] [--max-shards N]
      affected workspace packages and the test shards for them, as JSON (and $GITHUB_OUTPUT in Actions)
  tsx tooling/repo-checks/src/bin.ts verify-review-artifact --dir DIR --head-sha SHA --out DIR
      check the untrusted review artifact (shape, size, PR head == SHA via $GITHUB_API_URL with $GITHUB_TOKEN)
      and copy it to --out; sets the pull-request output`;

const NULL_SHA = /^0{40}$/;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      root: { type: "string", default: process.cwd() },
      since: { type: "string" },
      "packages-per-shard": { type: "string", default: "8" },
      "max-shards": { type: "string", default: "4" },
      dir: { type: "string" },
      "head-sha": { type: "string", default: "" },
      out: { type: "string" },
    },
  });
  if (command === "check") {
    const { files, issues } = await checkRepository(values.root);
    if (issues.length > 0) console.log(formatWorkflowIssues(issues));
    console.log(`repo-checks: ${files.length} files, ${issues.filter((i) => i.severity === "error").length} errors, ${issues.filter((i) => i.severity === "warning").length} warnings`);
    return hasErrors(issues) ? 1 : 0;
  }
  if (command === "changed") {
    const since = values.since && !NULL_SHA.test(values.since) ? values.since : undefined;
    const packages = await listChangedPackages({ root: values.root, since });
    const shards = planTestShards(packages, {
      packagesPerShard: Number(values["packages-per-shard"]),
      maxShards: Number(values["max-shards"]),
    });
    const names = packages.filter((pkg) => pkg.dir !== "").map((pkg) => pkg.name);
    console.log(JSON.stringify({ since: since ?? null, packages: names, shards }, null, 2));
    await writeGithubOutputs({ packages: JSON.stringify(names), shards: JSON.stringify(shards), count: String(names.length) });
    return 0;
  }
  if (command === "verify-review-artifact") {
    if (!values.dir || !values.out) throw new Error("verify-review-artifact needs --dir and --out");
    const fetchPullRequestHead = createPullRequestHeadLookup({
      repository: requireEnv("GITHUB_REPOSITORY"),
      token: requireEnv("GITHUB_TOKEN"),
      baseUrl: process.env["GITHUB_API_URL"] ?? "https://api.github.com",
    });
    const artifact = await verifyReviewArtifact(values.dir, { headSha: values["head-sha"], fetchPullRequestHead });
    await copyVerifiedArtifact(values.dir, values.out);
    console.log(`review artifact verified: PR #${artifact.pullRequest} at ${artifact.headSha}, review exit code ${artifact.exitCode}`);
    await writeGithubOutputs({ "pull-request": String(artifact.pullRequest), "exit-code": String(artifact.exitCode) });
    return 0;
  }
  console.error(USAGE);
  return command === undefined || command === "--help" ? 0 : 2;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`$${name} is not set; this command runs inside GitHub Actions`);
  return value;
}

process.exitCode = await main(process.argv.slice(2));
