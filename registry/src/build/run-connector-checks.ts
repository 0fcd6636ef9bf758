import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runConformance } from "@connectors/testkit";
import type { ConnectorPackage } from "../discover/find-connectors.ts";
import type { ConnectorFailure } from "../errors.ts";
import { withoutSigningSecrets } from "../sign/keyless-mode.ts";

/** Runs the tests of the given connectors and returns one failure per connector that did not pass. */
export type ConnectorChecker = (connectors: ConnectorPackage[]) => Promise<ConnectorFailure[]>;

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // Connector tests are untrusted code: they never get a signing key, whatever the parent holds.
    const env = { ...withoutSigningSecrets(process.env), TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", NO_COLOR: "1" };
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Package names turbo reports as failed (`<pkg>#test: command ... exited (1)` or the `Failed:` summary). */
export function parseTurboFailures(output: string): Set<string> {
  const failed = new Set<string>();
  for (const match of output.matchAll(/([@\w./-]+)#test\b[^\n]*exited \(\d+\)/g)) failed.add(match[1]!);
  for (const match of output.matchAll(/Failed:\s+([^\n]+)/g)) {
    for (const task of match[1]!.split(/[\s,]+/)) if (task.endsWith("#test")) failed.add(task.slice(0, -5));
  }
  return failed;
}

function tail(text: string, lines = 30): string {
  return text
    .replace(/\x1b\[[0-9;]*m/g, "")
    .trimEnd().split("\n").slice(-lines).map((l) => `    ${l}`).join("\n");
}

const CONFORMANCE_PACKAGE = "@connectors/conformance";

async function conformanceFailures(connectors: ConnectorPackage[]): Promise<ConnectorFailure[]> {
  const failures: ConnectorFailure[] = [];
  for (const c of connectors) {
    const report = await runConformance(c.dir);
    const failedChecks = report.checks.filter((check) => !check.ok);
    if (failedChecks.length) failures.push({ connector: `${c.slug}@${c.version}`, message: `conformance failed: ${failedChecks.map((check) => `${check.name}: ${check.detail}`).join("; ")}` });
  }
  return failures;
}

/**
 * The default checker: one `turbo run test` for the approved connectors and the conformance package
 * (turbo replays cached results when nothing changed, so an unchanged catalog re-checks in about a
 * second). When turbo reports a failure, the failing connectors are named; when the conformance
 * package failed, the conformance suite is re-run in-process for the approved connectors to find
 * which one (a failing unapproved connector does not block the catalog). Without a conformance
 * package in the workspace, conformance always runs in-process.
 */
export function createTurboChecker(root: string): ConnectorChecker {
  return async (connectors) => {
    if (connectors.length === 0) return [];
    const hasConformancePackage = existsSync(join(root, "tooling/conformance/package.json"));
    const filters = [...connectors.map((c) => `--filter=${c.packageName}`), ...(hasConformancePackage ? [`--filter=${CONFORMANCE_PACKAGE}`] : [])];
    const result = await run("pnpm", ["exec", "turbo", "run", "test", "--continue", "--output-logs=errors-only", ...filters], root);
    const failed = result.code === 0 ? new Set<string>() : parseTurboFailures(result.output);
    const failures: ConnectorFailure[] = [];
    if (result.code !== 0) {
      const blamed = failed.size ? connectors.filter((c) => failed.has(c.packageName)) : connectors;
      for (const c of blamed) failures.push({ connector: `${c.slug}@${c.version}`, message: `its tests failed (pnpm exec turbo run test --filter=${c.packageName}):\n${tail(result.output)}` });
    }
    const recheck = !hasConformancePackage || failed.has(CONFORMANCE_PACKAGE) || (result.code !== 0 && failed.size === 0);
    if (recheck) failures.push(...(await conformanceFailures(connectors)));
    return failures;
  };
}
