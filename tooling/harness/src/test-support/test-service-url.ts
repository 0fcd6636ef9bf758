import { inject } from "vitest";

/**
 * The URL of the run's real PostgreSQL or Redis, as the shared service setup resolved it (the env variable,
 * else a server the run started), or undefined when suites that need it skip. Harness tests read the setup
 * through vitest's `inject` directly because testkit (whose `testService` wraps it) depends on the harness.
 *
 * @param name - "postgres" or "redis"
 */
export function testServiceUrl(name: "postgres" | "redis"): string | undefined {
  const info = inject(name);
  return info && "url" in info ? info.url : undefined;
}

/** The "skipped: …" line for a service suites skip without, naming the fix. */
export function testServiceSkipLine(name: "postgres" | "redis"): string {
  const info = inject(name);
  return info && "skipped" in info ? info.skipped : `skipped: the ${name} service is not declared in this project's vitest.config.ts`;
}
