import { createTestDatabase, findClosedPort, serviceSuiteTitle, testService, urlOf, type TestDatabase } from "@connectors/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQuery } from "./run-query.ts";

const pgServer = await testService("postgres");
const PG_URL = urlOf(pgServer);

describe("runQuery without a server", () => {
  it("returns a refused connection as an Error with a message (never throws)", async () => {
    const port = await findClosedPort();
    const error = await runQuery({ host: "127.0.0.1", port, user: "u", password: "p", database: "d", connectionTimeoutMillis: 2_000 }, "SELECT 1");
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/ECONNREFUSED/);
  });

  it("gives the AggregateError of a name with several addresses the inner messages (its own is empty)", async () => {
    const port = await findClosedPort();
    const error = await runQuery({ host: "localhost", port, user: "u", password: "p", database: "d", connectionTimeoutMillis: 2_000 }, "SELECT 1");
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).not.toBe("");
    expect(error!.message).toMatch(/ECONNREFUSED/);
  });
});

describe.skipIf(!PG_URL)(serviceSuiteTitle("connector-kit runQuery", pgServer), () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("ckrunquery");
    await db.query("CREATE TABLE t (n int)");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("runs the statement with its parameters and returns undefined", async () => {
    expect(await runQuery({ connectionString: db.url }, "INSERT INTO t VALUES ($1), ($2)", [1, 2])).toBeUndefined();
    expect((await db.query("SELECT n FROM t ORDER BY n")).rows).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("returns the server's error for a failing statement", async () => {
    const error = await runQuery({ connectionString: db.url }, "INSERT INTO missing_table VALUES (1)");
    expect(error?.message).toBe('relation "missing_table" does not exist');
  });

  it("closes its connection either way", async () => {
    const connections = async () => (await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [db.name])).rows[0].n as number;
    const before = await connections();
    await runQuery({ connectionString: db.url }, "SELECT 1");
    await runQuery({ connectionString: db.url }, "SELECT broken");
    // A closed backend leaves pg_stat_activity a moment after the client's end() resolves.
    await expect.poll(connections, { timeout: 5_000 }).toBe(before);
  });
});
