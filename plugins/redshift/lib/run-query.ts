import pg from "pg";
import type { ClientConfig } from "pg";

let targetOverride: { host: string; port: number } | undefined;

/**
 * Tests only: send connections to another address (a local PostgreSQL server) while the config keeps its
 * `*.redshift.amazonaws.com` host, which setup insists on. `undefined` restores the configured target.
 */
export function overrideConnectionTarget(target: { host: string; port: number } | undefined): void {
  targetOverride = target;
}

/**
 * Runs one statement on a fresh client and closes it; returns the failure (connection or query), never throws.
 */
export async function runQuery(config: ClientConfig, text: string, values?: unknown[]): Promise<Error | undefined> {
  const client = new pg.Client(targetOverride ? { ...config, ...targetOverride } : config);
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

/** An Error with a useful message (a refused connection is an AggregateError with an empty one). */
function toError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (error.message) return error;
  const code = (error as { code?: string }).code;
  const inner = error instanceof AggregateError ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join("; ") : "";
  return new Error(inner || code || error.name);
}
