import { describe, expect, it } from "vitest";
import { renderAnnotations } from "./render-annotations.ts";
import { renderJson } from "./render-json.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { parseReviewState, toReviewState } from "./review-state.ts";
import { sampleReport } from "./sample-report.ts";

describe("renderMarkdown", () => {
  it("renders the verdict, the summary table, findings with links, changes and human checks", () => {
    const report = sampleReport();
    report.sinceLastReview = { previousSha: "fedcba9876543210", added: [report.connectors[0]!.findings[0]!], resolved: ["package/changeset|.changeset/|posthog-acme-plugin changed but no changeset names it"] };
    expect(renderMarkdown(report, { repoUrl: "https://github.com/acme/connectors" })).toMatchInlineSnapshot(`
      "<!-- plugin-review -->
      ## Connector review: ❌ changes needed

      1 error(s), 1 warning(s), 0 note(s) · compared with \`origin/main\` at \`0123456\`.

      | connector | change | manifest | package | tests | security | performance | best-practices |
      | --- | --- | --- | --- | --- | --- | --- | --- |
      | \`acme\` | modified | ✅ pass | ✅ pass | ⏭️ skipped | ❌ fail | ⏭️ skipped | ⚠️ warn |
      | \`gone\` | deleted | ✅ pass | ✅ pass | ⏭️ skipped | ✅ pass | ⏭️ skipped | ✅ pass |

      ### \`acme\`

      - ❌ error \`security/hard-coded-credentials\` [\`plugins/acme/index.ts:3\`](https://github.com/acme/connectors/blob/0123456789abcdef0123456789abcdef01234567/plugins/acme/index.ts#L3): hard-coded credential: a AWS access key id (AKIA…[redacted, 20 chars]). _Fix:_ move it to a secret config field
      - ⚠️ warning \`best-practices/request-timeouts\` [\`plugins/acme/index.ts:9\`](https://github.com/acme/connectors/blob/0123456789abcdef0123456789abcdef01234567/plugins/acme/index.ts#L9): outgoing request without a timeout \\| slow. _Fix:_ pass \`signal: AbortSignal.timeout(10_000)\`

      ### \`gone\`

      No findings.

      ### What changed since the last review

      Compared with its own previous review (\`fedcba9\`): 1 new, 1 resolved.

      New:
      - ❌ error \`security/hard-coded-credentials\` [\`plugins/acme/index.ts:3\`](https://github.com/acme/connectors/blob/0123456789abcdef0123456789abcdef01234567/plugins/acme/index.ts#L3): hard-coded credential: a AWS access key id (AKIA…[redacted, 20 chars]). _Fix:_ move it to a secret config field

      Resolved:
      - ✅ \`package/changeset\` \`.changeset/\`: posthog-acme-plugin changed but no changeset names it

      ### What a human must still look at

      - [ ] \`acme\`: Behaviour matches the connector's spec and README (static review does not judge logic).

      <!-- plugin-review-state:eyJzaGEiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3IiwiZmluZ2VycHJpbnRzIjpbInNlY3VyaXR5L2hhcmQtY29kZWQtY3JlZGVudGlhbHN8cGx1Z2lucy9hY21lL2luZGV4LnRzfGhhcmQtY29kZWQgY3JlZGVudGlhbDogYSBBV1MgYWNjZXNzIGtleSBpZCAoQUtJQeKApltyZWRhY3RlZCwgMjAgY2hhcnNdKSIsImJlc3QtcHJhY3RpY2VzL3JlcXVlc3QtdGltZW91dHN8cGx1Z2lucy9hY21lL2luZGV4LnRzfG91dGdvaW5nIHJlcXVlc3Qgd2l0aG91dCBhIHRpbWVvdXQgfCBzbG93Il0sImNvbm5lY3RvcnMiOnsiYWNtZSI6eyJzaGEiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3IiwiZmluZ2VycHJpbnRzIjpbInNlY3VyaXR5L2hhcmQtY29kZWQtY3JlZGVudGlhbHN8Li9pbmRleC50c3xoYXJkLWNvZGVkIGNyZWRlbnRpYWw6IGEgQVdTIGFjY2VzcyBrZXkgaWQgKEFLSUHigKZbcmVkYWN0ZWQsIDIwIGNoYXJzXSkiLCJiZXN0LXByYWN0aWNlcy9yZXF1ZXN0LXRpbWVvdXRzfC4vaW5kZXgudHN8b3V0Z29pbmcgcmVxdWVzdCB3aXRob3V0IGEgdGltZW91dCB8IHNsb3ciXX0sImdvbmUiOnsic2hhIjoiMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2NyIsImZpbmdlcnByaW50cyI6W119fX0= -->
      "
    `);
  });

  it("renders plain terminal output for a PR touching no connector", () => {
    expect(renderMarkdown({ connectors: [], notices: ["This change touches no connector (nothing under `plugins/<slug>/`): nothing to review."], totals: { error: 0, warning: 0, info: 0 } }, { plain: true })).toMatchInlineSnapshot(`
      "## Connector review: ✅ ready for a maintainer

      0 error(s), 0 warning(s), 0 note(s).

      > This change touches no connector (nothing under \`plugins/<slug>/\`): nothing to review.

      ### What changed since the last review

      First review of this pull request.
      "
    `);
  });

  it("redacts credentials that reach the output, whatever the check wrote", () => {
    const report = sampleReport();
    report.connectors[0]!.findings[0]!.message = "leaked AKIAIOSFODNN7EXAMPLE";
    const out = renderMarkdown(report) + renderJson(report) + JSON.stringify(renderAnnotations(report));
    expect(out).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("stores a state the next review can read back", () => {
    const report = sampleReport();
    expect(parseReviewState(renderMarkdown(report))).toEqual(toReviewState(report));
    expect(parseReviewState("no state here")).toBeUndefined();
  });
});

describe("renderAnnotations", () => {
  it("maps findings to check-run annotations", () => {
    expect(renderAnnotations(sampleReport())).toMatchInlineSnapshot(`
      [
        {
          "annotation_level": "failure",
          "end_line": 3,
          "message": "hard-coded credential: a AWS access key id (AKIA…[redacted, 20 chars])
      Fix: move it to a secret config field",
          "path": "plugins/acme/index.ts",
          "start_line": 3,
          "title": "security/hard-coded-credentials (security)",
        },
        {
          "annotation_level": "warning",
          "end_line": 9,
          "message": "outgoing request without a timeout | slow
      Fix: pass \`signal: AbortSignal.timeout(10_000)\`",
          "path": "plugins/acme/index.ts",
          "start_line": 9,
          "title": "best-practices/request-timeouts (best-practices)",
        },
      ]
    `);
  });
});

describe("renderJson", () => {
  it("is parseable and carries the totals", () => {
    expect(JSON.parse(renderJson(sampleReport())).totals).toEqual({ error: 1, warning: 1, info: 0 });
  });
});
