import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkRepository, formatWorkflowIssues } from "./check-repository.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("this repository's .github", () => {
  it("passes actionlint and every repo rule with no errors or warnings", async () => {
    const { files, issues } = await checkRepository(ROOT);
    expect(files).toEqual(
      expect.arrayContaining([
        ".github/actions/ci-setup/action.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
        ".github/workflows/review-comment.yml",
        ".github/workflows/review.yml",
      ]),
    );
    expect(formatWorkflowIssues(issues)).toBe("");
  });
});

describe("formatWorkflowIssues", () => {
  it("prints file:line, severity, rule, message and fix", () => {
    expect(
      formatWorkflowIssues([
        { rule: "r", file: "a.yml", line: 3, path: "/on", message: "bad", severity: "error", fix: "do x" },
        { rule: "s", file: "b.yml", path: "/jobs", message: "meh", severity: "warning" },
      ]),
    ).toBe("a.yml:3  error  r  bad  Fix: do x\nb.yml /jobs  warning  s  meh");
  });
});
