import { runQuery as runSharedQuery } from "@connectors/connector-kit/pg";
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
 * Runs one statement on a fresh client and closes it (at the test override's address when one is set);
 * returns the failure (connection or query), never throws.
 */
export function runQuery(config: ClientConfig, text: string, values?: unknown[]): Promise<Error | undefined> {
  return runSharedQuery(targetOverride ? { ...config, ...targetOverride } : config, text, values);
}
