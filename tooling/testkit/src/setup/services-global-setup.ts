import type { TestProject } from "vitest/node";
import { embeddedPostgresLauncher } from "../services/embedded-postgres.ts";
import { redisServerLauncher } from "../services/redis-server.ts";
import { resolveTestService, type ResolveTestServiceOptions } from "../services/resolve-test-service.ts";
import type { TestServiceName } from "../services/test-service-info.ts";

const SOURCES: Record<TestServiceName, () => ResolveTestServiceOptions> = {
  postgres: () => ({ envVar: "PG_TEST_URL", launcher: embeddedPostgresLauncher() }),
  redis: () => ({ envVar: "REDIS_TEST_URL", launcher: redisServerLauncher() }),
};

/**
 * A vitest global setup for one service (`defineWorkspaceProject(dir, {}, { services })` adds it): resolves the
 * service once per vitest process, provides it to the tests (`testService(name)` in testkit, `inject(name)`
 * elsewhere), prints the one "skipped: …" line when it cannot run, and releases it at the end.
 *
 * @param name - the service
 */
export function serviceGlobalSetup(name: TestServiceName): (project: TestProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const service = await resolveTestService(SOURCES[name]());
    project.provide(name, service.info);
    if ("skipped" in service.info) console.warn(`[${project.name}] ${name} ${service.info.skipped}`);
    return service.release;
  };
}
