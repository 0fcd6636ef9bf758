import { randomBytes } from "node:crypto";
import pg from "pg";
import { pgServerUrl } from "./services/test-service.ts";

/** A throwaway database made by {@link createTestDatabase}. */
export interface TestDatabase {
  /** Its connection URL (the server's URL with this database and `sslmode=disable`). */
  url: string;
  /** Its name: `<prefix>_<pid>_<8 hex>`. */
  name: string;
  /** Runs a statement on an open connection to it. */
  query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  /** Closes that connection and drops the database, even while others are still connected. */
  drop: () => Promise<void>;
}

const PREFIX = /^[a-z_][a-z0-9_]*$/;

async function runAsAdmin(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Creates a database of its own for one test file on the real PostgreSQL server, so test files can run
 * in parallel. Call it in `beforeAll` and `drop()` it in `afterAll`.
 *
 * @param prefix - lower-case letters, digits and `_` (e.g. the connector's slug)
 * @param serverUrl - the server, default the run's ({@link pgServerUrl}: PG_TEST_URL or the embedded server)
 * @throws Error when there is no server, or for a prefix that is no plain identifier
 * @example
 * const pg = await testService("postgres");
 * describe.skipIf(!("url" in pg))(serviceSuiteTitle("postgres", pg), () => {
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase("pgexport"); });
 *   afterAll(async () => { await db?.drop(); });
 * });
 */
export async function createTestDatabase(prefix: string, server?: string): Promise<TestDatabase> {
  const serverUrl = server ?? (await pgServerUrl());
  if (!serverUrl) throw new Error("createTestDatabase needs a PostgreSQL server: declare services: [\"postgres\"] in the project's vitest.config.ts (it starts one, or uses PG_TEST_URL) and skip the suite when testService(\"postgres\") says skipped");
  if (!PREFIX.test(prefix)) throw new Error(`createTestDatabase: prefix ${JSON.stringify(prefix)} must be lower-case letters, digits and _ (e.g. "pgexport")`);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await runAsAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.searchParams.set("sslmode", "disable");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    name,
    query: (text, values) => client.query(text, values),
    drop: async () => {
      await client.end();
      await runAsAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
