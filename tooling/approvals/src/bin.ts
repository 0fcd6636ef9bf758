#!/usr/bin/env -S npx tsx
// `tsx tooling/approvals/src/bin.ts handle [--dry-run]`: the approvals workflow's entry point.
import { ConnectorsError } from "@connectors/plugin-api";
import { runApprovalsCli } from "./run-approvals-cli.ts";

try {
  process.exitCode = await runApprovalsCli(process.argv.slice(2), process.env, (text) => process.stdout.write(text));
} catch (error) {
  process.stderr.write(`${error instanceof ConnectorsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
