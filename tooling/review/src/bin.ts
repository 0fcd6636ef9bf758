#!/usr/bin/env -S npx tsx
// `tsx tooling/review/src/bin.ts [--path plugins/x ...] [--base REF] [--json] [--dry-run]`
import { ConnectorsError } from "@connectors/plugin-api";
import { loadDefaultDynamicChecks } from "./dynamic/tests-check.ts";
import { runReviewCli } from "./run-review-cli.ts";

try {
  process.exitCode = await runReviewCli(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), loadDynamicChecks: loadDefaultDynamicChecks });
} catch (error) {
  process.stderr.write(`${error instanceof ConnectorsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
