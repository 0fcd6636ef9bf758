#!/usr/bin/env -S npx tsx
import { parseArgs } from "node:util";
import { hasErrors } from "@connectors/plugin-api";
import { checkRepository, formatWorkflowIssues } from "./check-repository.ts";
import { listChangedPackages } from "./list-changed-packages.ts";
import { planTestShards } from "./plan-test-shards.ts";
import { writeGithubOutputs } from "./write-github-outputs.ts";

const USAGE = `Usage:
  tsx tooling/repo-checks/src/bin.ts check [--root DIR]
      actionlint + fork-safety rules on .github/workflows/*.yml and .github/actions/*/action.yml; exit 1 on errors
  tsx tooling/repo-checks/src/bin.ts changed [--since REF] [--packages-per-shard N] [--max-shards N]
      affected workspace packages and the test shards for them, as JSON (and $GITHUB_OUTPUT in Actions)`;

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
  console.error(USAGE);
  return command === undefined || command === "--help" ? 0 : 2;
}

process.exitCode = await main(process.argv.slice(2));
