import { fileURLToPath } from "node:url";
import { basename } from "node:path";
import { defineProject, mergeConfig, type UserWorkspaceConfig } from "vitest/config";

const NO_NETWORK_SETUP = fileURLToPath(new URL("./tooling/testkit/src/setup/no-network.ts", import.meta.url));

/**
 * The vitest project settings every workspace package shares: colocated `*.test.ts` files, mocks
 * restored between tests, and a setup file that refuses any network connection beyond loopback.
 *
 * @param dir - the package directory (pass `import.meta.dirname`)
 * @param overrides - extra project settings merged on top
 */
export function defineWorkspaceProject(dir: string, overrides: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  const base = defineProject({
    test: {
      name: basename(dir),
      root: dir,
      include: ["**/*.test.ts"],
      exclude: ["**/node_modules/**", "**/dist/**"],
      setupFiles: [NO_NETWORK_SETUP],
      clearMocks: true,
      restoreMocks: true,
      unstubGlobals: true,
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  });
  return mergeConfig(base, overrides);
}
