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
    await expect(readApprovals(join(import.meta.dirname, "../../approved.json"))).resolves.toMatchObject({ approved: [expect.objectContaining({ slug: "hello-world" })] });
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

  it("throws ApprovalsError naming the file for invalid JSON", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "approvals-")), "approved.json");
    await writeFile(file, '{ "approved": [, }');
    await expect(readApprovals(file)).rejects.toThrow(ApprovalsError);
    await expect(readApprovals(file)).rejects.toThrow(/approved\.json.*not valid JSON/s);
  });
});
