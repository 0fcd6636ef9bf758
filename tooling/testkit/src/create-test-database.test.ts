import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "./create-test-database.ts";
import { serviceSuiteTitle, testService, urlOf } from "./services/test-service.ts";

const pgServer = await testService("postgres");
const PG_URL = urlOf(pgServer);

describe("createTestDatabase arguments", () => {
  it("refuses to run without a server URL, saying how to set one", async () => {
    await expect(createTestDatabase("x", "")).rejects.toThrow(/declare services: \["postgres"\]/);
  });

  it("refuses a prefix that is no plain identifier (it is spliced into CREATE DATABASE)", async () => {
    await expect(createTestDatabase("x; DROP DATABASE postgres", "postgres://127.0.0.1:1/postgres")).rejects.toThrow(/prefix .* must be lower-case letters, digits and _/);
  });
});

describe.skipIf(!PG_URL)(serviceSuiteTitle("createTestDatabase", pgServer), () => {
  const exists = async (name: string) => {
    const admin = new pg.Client({ connectionString: PG_URL });
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

describe("serviceSuiteTitle", () => {
  it("names the server a suite runs against", () => {
    expect(serviceSuiteTitle("postgres", { url: "postgres://db", origin: "embedded PostgreSQL 18.4" })).toBe("postgres against embedded PostgreSQL 18.4");
  });

  it("carries the skipped line when there is no server", () => {
    expect(serviceSuiteTitle("postgres", { skipped: "skipped: no postgres here; set PG_TEST_URL" })).toBe("postgres (skipped: no postgres here; set PG_TEST_URL)");
  });
});
