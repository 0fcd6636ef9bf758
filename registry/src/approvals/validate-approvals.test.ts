import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ApprovalsError } from "../errors.ts";
import { readApprovals } from "./read-approvals.ts";
import { validateApprovals } from "./validate-approvals.ts";

const approval = { slug: "hello-world", version: "0.1.0", approvedBy: "alice", approvedAt: "2026-01-01T00:00:00Z" };

describe("validateApprovals", () => {
  it("accepts the committed record", async () => {
    const { approved } = await readApprovals(join(import.meta.dirname, "../../approved.json"));
    expect(approved).toContainEqual(expect.objectContaining({ slug: "hello-world", example: true, reviewDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }));
  });

  it.each([
    ["a missing approvedBy", { approved: [{ ...approval, approvedBy: undefined }], revoked: [] }, "/approved/0/approvedBy"],
    ["a bad version", { approved: [{ ...approval, version: "1.0" }], revoked: [] }, "/approved/0/version"],
    ["a bad date", { approved: [{ ...approval, approvedAt: "yesterday" }], revoked: [] }, "/approved/0/approvedAt"],
    ["a revocation without reason", { approved: [], revoked: [{ slug: "x", version: "1.0.0", revokedAt: "2026-01-01T00:00:00Z" }] }, "/revoked/0/reason"],
    ["a duplicate approval", { approved: [approval, approval], revoked: [] }, "/approved/1"],
  ])("reports %s with its path", (_name, value, path) => {
    const result = validateApprovals(JSON.parse(JSON.stringify(value)));
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it.each([
    ["a review digest in another format", { ...approval, reviewDigest: "abc" }, "/approved/0/reviewDigest", /record it with `pnpm registry approve <slug>`/],
    ["example: false", { ...approval, example: false }, "/approved/0/example", /set it to true for a template connector, or leave it out/],
    ["a misspelt field", { ...approval, exampel: true }, "/approved/0/exampel", /did you mean "example"/],
  ])("says how to fix %s", (_name, entry, path, fix) => {
    const issue = validateApprovals({ approved: [entry], revoked: [] }).issues.find((i) => i.path === path);
    expect(issue?.fix).toMatch(fix);
  });

  it("a malformed file names the file, every field and the fix", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "approvals-")), "approved.json");
    await writeFile(file, JSON.stringify({ approved: [{ ...approval, approvedAt: "soon", reviewDigest: "md5:1" }], revoked: {} }));
    const error = (await readApprovals(file).catch((e: unknown) => e)) as ApprovalsError;
    expect(error).toBeInstanceOf(ApprovalsError);
    expect(error.message).toMatch(/approved\.json is not a valid approvals record/);
    expect(error.message).toMatch(/\/approved\/0\/approvedAt.*Fix: an ISO date-time/);
    expect(error.message).toMatch(/\/approved\/0\/reviewDigest.*Fix: record it with/);
    expect(error.message).toMatch(/\/revoked.*Fix: an array of revocations/);
  });

  it("throws ApprovalsError naming the file for invalid JSON", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "approvals-")), "approved.json");
    await writeFile(file, '{ "approved": [, }');
    await expect(readApprovals(file)).rejects.toThrow(ApprovalsError);
    await expect(readApprovals(file)).rejects.toThrow(/approved\.json.*not valid JSON/s);
  });
});
