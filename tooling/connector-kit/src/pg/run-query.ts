import pg from "pg";
import type { ClientConfig } from "pg";

/**
 * Runs one statement on a fresh `pg` client and closes it. Connection failures are returned like query
 * failures, as an Error with a useful message (a refused connection is an AggregateError with an empty
 * one); nothing is thrown.
 *
 * @param config - the client config (connection string or fields, TLS, timeouts)
 * @returns undefined when the statement ran, else the failure
 */
export async function runQuery(config: ClientConfig, text: string, values?: unknown[]): Promise<Error | undefined> {
  const client = new pg.Client(config);
  // A server that goes away after connecting emits 'error' on the client; without a listener it would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query(text, values);
    return undefined;
  } catch (error) {
    return toError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function toError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (error.message) return error;
  const code = (error as { code?: string }).code;
  const inner = error instanceof AggregateError ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join("; ") : "";
  return new Error(inner || code || error.name);
}
