import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedPostgresLauncher } from "./embedded-postgres.ts";
import { redisServerLauncher } from "./redis-server.ts";
import { resolveTestService } from "./resolve-test-service.ts";
import type { ServiceLauncher } from "./shared-service.ts";

const root = mkdtempSync(join(tmpdir(), "testkit-resolve-"));
const missingPostgres = embeddedPostgresLauncher(() => ({ binDir: join(root, "no-such-bin"), version: "18.4" }));

describe("resolveTestService", () => {
  it("uses the URL in the variable when it is set, starting nothing", async () => {
    const launcher: ServiceLauncher = { name: "postgres", stopSignal: "SIGINT", start: () => Promise.reject(new Error("must not start")) };
    const service = await resolveTestService({ envVar: "PG_TEST_URL", launcher, env: { PG_TEST_URL: "postgres://postgres@127.0.0.1:5432/postgres" }, root });
    expect(service.info).toEqual({ url: "postgres://postgres@127.0.0.1:5432/postgres", origin: "PG_TEST_URL" });
    await service.release();
  });

  it("says in one line that suites skip, what is missing and how to fix it, when the embedded binaries are absent", async () => {
    const service = await resolveTestService({ envVar: "PG_TEST_URL", launcher: missingPostgres, env: {}, root });
    expect(service.info).toEqual({ skipped: expect.stringMatching(/^skipped: the embedded PostgreSQL binary \S+no-such-bin\/initdb is missing or not executable \(run pnpm install, or set PG_TEST_URL to a PostgreSQL server/) });
    expect("skipped" in service.info && service.info.skipped).not.toContain("\n");
  });

  it("says redis-server is not on PATH and REDIS_TEST_URL unset, with the fix", async () => {
    const service = await resolveTestService({ envVar: "REDIS_TEST_URL", launcher: redisServerLauncher("redis-server-that-is-not-installed"), env: {}, root });
    expect(service.info).toEqual({ skipped: expect.stringMatching(/^skipped: redis-server-that-is-not-installed not on PATH and REDIS_TEST_URL unset; install redis-server or set REDIS_TEST_URL/) });
  });

  it.runIf(process.getuid?.() === 0)("as root, names the directory the postgres user cannot reach and how to fix it", async () => {
    const service = await resolveTestService({ envVar: "PG_TEST_URL", launcher: embeddedPostgresLauncher(), env: {}, root });
    expect(service.info).toEqual({ skipped: expect.stringMatching(new RegExp(`^skipped: as root the embedded PostgreSQL runs as the "postgres" user, which cannot reach \\S+ \\(${root} is mode 700; chmod o\\+x ${root}`)) });
  });

  it("fails the run under CI instead of skipping (CI must never silently skip the real-database suites)", async () => {
    await expect(resolveTestService({ envVar: "PG_TEST_URL", launcher: missingPostgres, env: { CI: "true" }, root })).rejects.toThrow(/^CI needs a real postgres server but: skipped: the embedded PostgreSQL binary/);
  });

  it("turns a server that fails to start into a skipped line naming the variable to set", async () => {
    const launcher: ServiceLauncher = { name: "redis", stopSignal: "SIGTERM", start: () => Promise.reject(new Error("redis-server did not start: it exited (code 1)\nlog line")) };
    const service = await resolveTestService({ envVar: "REDIS_TEST_URL", launcher, env: {}, root });
    expect(service.info).toEqual({ skipped: "skipped: the test redis server did not start (redis-server did not start: it exited (code 1)); set REDIS_TEST_URL to a running server" });
  });
});
