import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "./create-test-database.ts";
import { PG_TEST_URL, pgSuiteTitle } from "./pg-test-url.ts";

describe("createTestDatabase arguments", () => {
  it("refuses to run without a server URL, saying how to set one", async () => {
    await expect(createTestDatabase("x", "")).rejects.toThrow(/set PG_TEST_URL/);
  });

  it("refuses a prefix that is no plain identifier (it is spliced into CREATE DATABASE)", async () => {
    await expect(createTestDatabase("x; DROP DATABASE postgres", "postgres://127.0.0.1:1/postgres")).rejects.toThrow(/prefix .* must be lower-case letters, digits and _/);
  });
});

describe.skipIf(!PG_TEST_URL)(pgSuiteTitle("createTestDatabase"), () => {
  const exists = async (name: string) => {
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    try {
      return (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    } finally {
      await admin.end();
    }
  };

  it("creates a database of its own, reachable at its url, and drops it even with other connections open", async () => {
    const db = await createTestDatabase("testkit");
    expect(db.name).toMatch(new RegExp(`^testkit_${process.pid}_[0-9a-f]{8}$`));
    expect(new URL(db.url).pathname).toBe(`/${db.name}`);
    expect(new URL(db.url).searchParams.get("sslmode")).toBe("disable");
    expect((await db.query("SELECT current_database() AS name")).rows).toEqual([{ name: db.name }]);
    const other = new pg.Client({ connectionString: db.url });
    other.on("error", () => undefined);
    await other.connect();
    expect(await exists(db.name)).toBe(true);
    await db.drop();
    expect(await exists(db.name)).toBe(false);
    await other.end().catch(() => undefined);
  });

  it("gives each call a new database", async () => {
    const [a, b] = await Promise.all([createTestDatabase("testkit"), createTestDatabase("testkit")]);
    try {
      expect(a.name).not.toBe(b.name);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});

describe("pgSuiteTitle", () => {
  it("names the server when one is configured", () => {
    expect(pgSuiteTitle("postgres", "postgres://db")).toBe("postgres against the real PostgreSQL server at PG_TEST_URL");
  });

  it("says the suite is skipped and how to run it when no server is configured", () => {
    expect(pgSuiteTitle("postgres", undefined)).toMatch(/^postgres against a real PostgreSQL server \(SKIPPED: PG_TEST_URL is not set; e\.g\. PG_TEST_URL=postgres:\/\//);
  });
});
