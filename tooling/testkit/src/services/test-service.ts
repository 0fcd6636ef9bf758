import type { TestServiceInfo, TestServiceName } from "./test-service-info.ts";

/**
 * The real service a test file may use, as the run's global setup resolved it: `PG_TEST_URL` /
 * `REDIS_TEST_URL` when set, else the run's embedded PostgreSQL / `redis-server`, else why suites skip.
 * Call it at the top of a test file; the project must declare the service in its vitest.config.ts
 * (`defineWorkspaceProject(import.meta.dirname, {}, { services: ["postgres"] })`).
 *
 * @param name - "postgres" or "redis"
 * @example
 * const pg = await testService("postgres");
 * describe.skipIf(!("url" in pg))(serviceSuiteTitle("redshift", pg), () => { ... });
 */
export async function testService(name: TestServiceName): Promise<TestServiceInfo> {
  // Loaded lazily: the testkit barrel is also used outside tests (CLI, studio), where vitest is not loaded.
  const { inject } = await import("vitest");
  return inject(name) ?? { skipped: `skipped: this vitest project does not declare the ${name} service; add services: ["${name}"] to defineWorkspaceProject in its vitest.config.ts` };
}

/** The URL of the run's PostgreSQL server, or undefined when suites that need it skip (see {@link testService}). */
export async function pgServerUrl(): Promise<string | undefined> {
  return urlOf(await testService("postgres"));
}

/** The URL of the run's Redis server, or undefined when suites that need it skip (see {@link testService}). */
export async function redisServerUrl(): Promise<string | undefined> {
  return urlOf(await testService("redis"));
}

/** The URL in a service info, if it has one. */
export function urlOf(info: TestServiceInfo): string | undefined {
  return "url" in info ? info.url : undefined;
}

/**
 * The title of a suite that needs a real service: which server it runs against, or the "skipped: …" line.
 *
 * @param subject - what the suite tests
 * @param info - from {@link testService}
 * @example serviceSuiteTitle("postgres", pg) // "postgres against embedded PostgreSQL 18.4"
 */
export function serviceSuiteTitle(subject: string, info: TestServiceInfo): string {
  return "url" in info ? `${subject} against ${info.origin}` : `${subject} (${info.skipped})`;
}
