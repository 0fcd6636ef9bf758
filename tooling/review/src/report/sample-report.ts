import type { ReviewReport } from "./types.ts";

/** A fixed report for renderer tests and docs: one failing connector, one clean, one deleted. */
export function sampleReport(): ReviewReport {
  return {
    base: "origin/main",
    head: "0123456789abcdef0123456789abcdef01234567",
    notices: [],
    totals: { error: 1, warning: 1, info: 0 },
    connectors: [
      {
        slug: "acme",
        dir: "plugins/acme",
        status: "modified",
        categories: { manifest: "pass", package: "pass", tests: "skipped", security: "fail", performance: "skipped", "best-practices": "warn" },
        findings: [
          { rule: "security/hard-coded-credentials", category: "security", severity: "error", file: "plugins/acme/index.ts", line: 3, message: "hard-coded credential: a AWS access key id (AKIA…[redacted, 20 chars])", fix: "move it to a secret config field" },
          { rule: "best-practices/request-timeouts", category: "best-practices", severity: "warning", file: "plugins/acme/index.ts", line: 9, message: "outgoing request without a timeout | slow", fix: "pass `signal: AbortSignal.timeout(10_000)`" },
        ],
        humanChecks: ["Behaviour matches the connector's spec and README (static review does not judge logic)."],
      },
      {
        slug: "gone",
        dir: "plugins/gone",
        status: "deleted",
        categories: { manifest: "pass", package: "pass", tests: "skipped", security: "pass", performance: "skipped", "best-practices": "pass" },
        findings: [],
        humanChecks: [],
      },
    ],
  };
}
