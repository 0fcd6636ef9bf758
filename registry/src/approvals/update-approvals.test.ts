import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Approvals } from "./approvals-types.ts";
import { readApprovals } from "./read-approvals.ts";
import { addApproval, addRevocation, writeApprovals } from "./update-approvals.ts";

const at = "2026-01-01T00:00:00Z";
const base: Approvals = { approved: [{ slug: "beta", version: "1.10.0", approvedBy: "alice", approvedAt: at }], revoked: [] };

describe("addApproval / addRevocation / writeApprovals", () => {
  it("adds approvals in release order and writes a canonical file that reads back", async () => {
    let result = addApproval(base, { slug: "beta", version: "1.9.0", approvedBy: "bob", approvedAt: at });
    result = result.ok ? addApproval(result.value, { slug: "alpha", version: "0.1.0", approvedBy: "bob", approvedAt: at }) : result;
    expect(result.ok && result.value.approved.map((a) => `${a.slug}@${a.version}`)).toEqual(["alpha@0.1.0", "beta@1.9.0", "beta@1.10.0"]);
    const file = join(await mkdtemp(join(tmpdir(), "approvals-")), "approved.json");
    await writeApprovals(file, result.value!);
    expect(await readApprovals(file)).toEqual({ $schema: "./approved.schema.json", ...result.value });
    expect((await readFile(file, "utf8")).endsWith("}\n")).toBe(true);
  });

  it("the committed approved.json is in canonical form", async () => {
    const committed = join(import.meta.dirname, "../../approved.json");
    const copy = join(await mkdtemp(join(tmpdir(), "approvals-")), "approved.json");
    await writeApprovals(copy, await readApprovals(committed));
    expect(await readFile(copy, "utf8")).toBe(await readFile(committed, "utf8"));
  });

  it("refuses a duplicate approval and an invalid one", () => {
    expect(addApproval(base, { ...base.approved[0]! }).issues[0]?.message).toBe("beta@1.10.0 is already approved");
    expect(addApproval(base, { slug: "Bad Slug", version: "1", approvedBy: "", approvedAt: "now" }).ok).toBe(false);
  });

  it("revokes only what was approved, once", () => {
    const revocation = { slug: "beta", version: "1.10.0", reason: "leaks the key", revokedAt: at };
    const revoked = addRevocation(base, revocation);
    expect(revoked.ok && revoked.value.revoked).toEqual([revocation]);
    expect(addRevocation(revoked.value!, revocation).issues[0]?.message).toBe("beta@1.10.0 is already revoked");
    expect(addRevocation(base, { ...revocation, version: "9.9.9" }).issues[0]).toMatchObject({ message: "beta@9.9.9 was never approved, so it cannot be revoked", fix: "approved versions of beta: 1.10.0" });
  });
});
