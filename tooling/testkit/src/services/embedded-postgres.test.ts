import { chmodSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPostgresLauncher, findEmbeddedPostgres } from "./embedded-postgres.ts";
import { leaseSharedService } from "./shared-service.ts";

const root = mkdtempSync(join(tmpdir(), "testkit-embedded-"));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("findEmbeddedPostgres", () => {
  it("finds this platform's binaries from the embedded-postgres package, with their PostgreSQL version", () => {
    const { binDir, version } = findEmbeddedPostgres();
    expect(binDir).toMatch(/@embedded-postgres\/[a-z0-9]+-[a-z0-9]+\/native\/bin$/);
    expect(version).toMatch(/^1[78]\.\d+$/);
  });
});

describe.runIf(process.getuid?.() === 0)("embedded PostgreSQL started as root", () => {
  it("runs a copy of binaries the postgres user cannot reach (a checkout under a mode-700 directory)", { timeout: 180_000 }, async () => {
    const installed = findEmbeddedPostgres();
    const hidden = mkdtempSync(join(tmpdir(), "testkit-hidden-"));
    cpSync(dirname(installed.binDir), join(hidden, "native"), { recursive: true, verbatimSymlinks: true });
    try {
      const lease = await leaseSharedService(embeddedPostgresLauncher(() => ({ binDir: join(hidden, "native", "bin"), version: installed.version })), root);
      const client = new pg.Client({ connectionString: lease.service.url });
      await client.connect();
      expect((await client.query("SELECT current_user AS who")).rows).toEqual([{ who: "postgres" }]);
      await client.end();
      await lease.release();
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });
});
