import pg from "pg";
import type { ClientConfig } from "pg";

/** Makes the database client; tests replace it (see {@link overrideRedshiftClientForTests}). */
export type ClientFactory = (config: ClientConfig) => pg.Client;

let testFactory: ClientFactory | undefined;

/**
 * TEST-ONLY seam, not a plugin.json field and not reachable from config: replaces the client factory
 * (pointing the connector at a local PostgreSQL) and skips the Redshift host check. Pass nothing to reset.
 */
export function overrideRedshiftClientForTests(factory?: ClientFactory): void {
  testFactory = factory;
}

/** True when the host check applies (always in production). */
export function checksRedshiftHost(): boolean {
  return testFactory === undefined;
}

/** Runs one statement on a fresh connection and closes it; returns the rows. */
export async function queryRows(config: ClientConfig, text: string, values?: unknown[]): Promise<Array<Record<string, unknown>>> {
  const client = (testFactory ?? ((c) => new pg.Client(c)))(config);
  client.on("error", () => undefined);
  try {
    await client.connect();
    const result = await client.query(text, values);
    return result.rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Deletes every character of an identifier that is not a letter, digit, `_` or `.`. */
export function sanitizeIdentifier(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, "");
}
