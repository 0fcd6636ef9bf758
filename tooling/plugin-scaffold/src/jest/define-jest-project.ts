import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
// Deep relative imports on purpose: a Vitest config is bundled without a TypeScript loader for
// workspace packages, so the preset cannot go through the harness barrel (see legacy-fixtures).
import { legacyCommonJs } from "../../../harness/src/compat/legacy-commonjs.ts";
import { JEST_DEFAULT_TEST_MATCH, readJestConfig, type JestConfig } from "./read-jest-config.ts";
import { providedImports } from "./provided-imports.ts";

const SETUP = fileURLToPath(new URL("./setup.ts", import.meta.url));
const NODE_FETCH = fileURLToPath(new URL("../../../harness/src/compat/node-fetch.ts", import.meta.url));

/** Directories under `dir` (itself included, node_modules skipped) down to `depth`. */
function packageDirs(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  const children = readdirSync(dir).filter((name) => !name.startsWith(".") && name !== "node_modules" && statSync(join(dir, name)).isDirectory());
  return [dir, ...children.flatMap((name) => packageDirs(join(dir, name), depth - 1))];
}

/** jest's defaults for a package directory without a jest config. */
function defaultConfig(dir: string): JestConfig {
  return { dir, globals: {}, setupFiles: [], testMatch: JEST_DEFAULT_TEST_MATCH };
}

const isPackage = (dir: string) => existsSync(join(dir, "package.json")) || existsSync(join(dir, "plugin.json"));
const contains = (outer: string, inner: string) => inner.startsWith(`${outer}/`);

/**
 * The jest config of every package under `dir`: its own where it has one, jest's defaults for a
 * package (package.json or plugin.json) that has none and holds no configured package itself — so a
 * folder of checked-out connectors runs every suite, each with its own settings.
 */
function packageConfigs(dir: string, depth: number): JestConfig[] {
  const dirs = packageDirs(dir, depth);
  const configured = dirs.map((candidate) => readJestConfig(candidate)).filter((config): config is JestConfig => config !== undefined);
  const bare = dirs.filter((candidate) => isPackage(candidate) && !configured.some((config) => config.dir === candidate || contains(config.dir, candidate) || contains(candidate, config.dir)));
  const outermost = bare.filter((candidate) => !bare.some((other) => contains(other, candidate)));
  const all = [...configured, ...outermost.map(defaultConfig)];
  return all.length ? all : [defaultConfig(dir)];
}

/** Options of {@link jestPreset}. */
export interface JestPresetOptions {
  /** How deep below `dir` to look for more packages with a jest config (default 2: `connectors/<name>`). */
  depth?: number;
}

/**
 * Vitest project settings that run jest-era connector suites unmodified: the test files of every
 * jest config found (jest.config.js/.cjs/.json or package.json "jest", in `dir` and the packages
 * below it) with its `testMatch`, `globals`, `setupFiles`/`setupFilesAfterEnv` and `testTimeout`;
 * `jest` on top of `vi` (constructible `jest.fn`, `jest.setTimeout`, `jest.requireActual`, fake
 * timers); hoisted `jest.mock` (a mocked `pg` or SDK is never loaded); CommonJS with sloppy-mode
 * semantics; `node-fetch` as the current global fetch; the plugin server's globals; and the imports the
 * plugin server provided (`@posthog/plugin-scaffold`, `@posthog/plugin-contrib`, the vendor SDKs, `pg`)
 * plus `@jest/globals` for a package that does not install them (see {@link providedImports}). Merge it into a
 * project (`defineWorkspaceProject(dir, jestPreset(dir))`) or pass it to `defineProject`.
 *
 * @example
 * // vitest.config.ts next to a jest-era package
 * export default defineProject(jestPreset(import.meta.dirname));
 */
export function jestPreset(dir: string, options: JestPresetOptions = {}) {
  const roots = packageConfigs(dir, options.depth ?? 2);
  const include = roots.flatMap((config) => config.testMatch.map((glob) => join(relative(dir, config.dir), glob.replace(/^<rootDir>\//, "")).replace(/^\.\//, "")));
  const timeout = roots.map((config) => config.testTimeout).find((value) => value !== undefined);
  return {
    // Only the package's own files are rewritten (never the harness or node_modules).
    plugins: [providedImports(), legacyCommonJs({ include: new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/(?!.*/node_modules/).*\\.(?:c?js|ts)$`) })],
    // jest's moduleNameMapper of every package, then node-fetch as the current global fetch.
    resolve: { alias: [...roots.flatMap((config) => config.moduleNameMapper ?? []), { find: /^node-fetch$/, replacement: NODE_FETCH }] },
    test: {
      include,
      globals: true,
      setupFiles: [SETUP],
      // RegExps do not cross to the workers; the setup file needs only globals and setup files.
      provide: { jestConfigs: roots.map(({ moduleNameMapper: _aliases, ...config }) => config) },
      ...(timeout ? { testTimeout: timeout } : {}),
    },
  };
}
