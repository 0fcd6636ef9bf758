import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const workflows = new URL("../../../.github/workflows/", import.meta.url);
const text = readFileSync(new URL("approvals.yml", workflows), "utf8");
const pins = (yaml: string) => [...yaml.matchAll(/uses: (actions\/[\w-]+)@([0-9a-f]{40})/g)].map((m) => `${m[1]}@${m[2]}`);

describe(".github/workflows/approvals.yml", () => {
  it("runs on comments, review approvals and merges, with a read-only default token", () => {
    expect(text).toMatch(/on:\n  issue_comment:\n    types: \[created\]\n  pull_request_review:\n    types: \[submitted\]\n  pull_request_target:\n    types: \[closed\]/);
    expect(text).toMatch(/\npermissions:\n  contents: read\n/);
  });

  it("checks out only the default branch, without credentials, in every job", () => {
    const checkouts = text.match(/uses: actions\/checkout@/g)!.length;
    expect(checkouts).toBe(2);
    expect(text.match(/ref: \$\{\{ github\.event\.repository\.default_branch \}\}/g)).toHaveLength(checkouts);
    expect(text.match(/persist-credentials: false/g)).toHaveLength(checkouts);
    expect(text).not.toMatch(/pull_request\.head|refs\/pull|head_ref|gh pr checkout/);
  });

  it("pins actions by the same SHAs as the other workflows", () => {
    const known = new Set(["ci.yml", "release.yml", "review.yml", "review-comment.yml"].flatMap((f) => pins(readFileSync(new URL(f, workflows), "utf8"))));
    expect(pins(text).every((pin) => known.has(pin))).toBe(true);
  });

  it("passes event text only through the event file, never into run: scripts", () => {
    const runs = [...text.matchAll(/run: [|>]?-?\n?([\s\S]*?)(?=\n {6}- |\n {2}\w|$)/g)].map((m) => m[1]!);
    expect(runs).toHaveLength(3);
    expect(runs[2]).toContain("gh workflow run release.yml");
    for (const run of runs) expect(run).not.toMatch(/\$\{\{/);
  });
});
