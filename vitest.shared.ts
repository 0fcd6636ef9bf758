import { fileURLToPath } from "node:url";
import { basename } from "node:path";
import { defineProject, mergeConfig, type UserWorkspaceConfig } from "vitest/config";
import type { TestServiceInfo, TestServiceName } from "./tooling/testkit/src/services/test-service-info.ts";

const NO_NETWORK_SETUP = fileURLToPath(new URL("./tooling/testkit/src/setup/no-network.ts", import.meta.url));
const TEMP_DIR_PER_FILE_SETUP = fileURLToPath(new URL("./tooling/testkit/src/setup/temp-dir-per-file.ts", import.meta.url));
const PRIVATE_TMPDIR_SETUP = fileURLToPath(new URL("./tooling/testkit/src/setup/private-tmpdir-global-setup.ts", import.meta.url));
const SERVICE_SETUP: Record<TestServiceName, string> = {
  postgres: fileURLToPath(new URL("./tooling/testkit/src/setup/postgres-global-setup.ts", import.meta.url)),
  redis: fileURLToPath(new URL("./tooling/testkit/src/setup/redis-global-setup.ts", import.meta.url)),
};

declare module "vitest" {
  /** What the service global setups provide to tests (read with testkit's `testService(name)`). */
  export interface ProvidedContext {
    postgres: TestServiceInfo;
    redis: TestServiceInfo;
  }
}

/** Options of {@link defineWorkspaceProject} beyond vitest's own. */
export interface WorkspaceProjectOptions {
  /**
   * Real services the project's tests use. Each is resolved once per run: `PG_TEST_URL` / `REDIS_TEST_URL`
   * when set, else a server the run starts (embedded PostgreSQL, `redis-server` from PATH) and stops at the
   * end, else suites skip with one "skipped: …" line. Tests read it with testkit's `testService(name)`.
   */
  services?: TestServiceName[];
}

/**
 * The vitest project settings every workspace package shares: colocated `*.test.ts` files, mocks
 * restored between tests, a setup file that refuses any network connection beyond loopback, and a private
 * TMPDIR per run and per test file, removed at the end (files left behind fail the run).
 *
 * @param dir - the package directory (pass `import.meta.dirname`)
 * @param overrides - extra project settings merged on top
 * @param options - the real services its tests use
 */
export function defineWorkspaceProject(dir: string, overrides: UserWorkspaceConfig = {}, options: WorkspaceProjectOptions = {}): UserWorkspaceConfig {
  const base = defineProject({
    test: {
      name: basename(dir),
      root: dir,
      include: ["**/*.test.ts"],
      exclude: ["**/node_modules/**", "**/dist/**"],
      setupFiles: [NO_NETWORK_SETUP, TEMP_DIR_PER_FILE_SETUP],
      // The private TMPDIR comes first: services set up after it keep their shared state in the machine's temp dir.
      globalSetup: [PRIVATE_TMPDIR_SETUP, ...(options.services ?? []).map((service) => SERVICE_SETUP[service])],
      clearMocks: true,
      restoreMocks: true,
      unstubGlobals: true,
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  });
  return mergeConfig(base, overrides);
}
