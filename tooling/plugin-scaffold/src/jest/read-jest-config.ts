import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { runInThisContext } from "node:vm";

/** The parts of a jest configuration the preset honours. */
export interface JestConfig {
  /** The directory the config belongs to (its `rootDir`). */
  dir: string;
  /** Values put on `globalThis` before each test file (jest `globals`). */
  globals: Record<string, unknown>;
  /** Files run before each test file, absolute paths (jest `setupFiles` and `setupFilesAfterEnv`). */
  setupFiles: string[];
  /** Test file globs relative to `dir` (jest `testMatch`, default jest's own). */
  testMatch: string[];
  /** jest `testTimeout`, if set. */
  testTimeout?: number;
  /** jest `moduleNameMapper` as Vite aliases: a regex over the specifier and its replacement (`<rootDir>` expanded, `$1`...). */
  moduleNameMapper?: Array<{ find: RegExp; replacement: string }>;
}

/** jest's default testMatch. */
export const JEST_DEFAULT_TEST_MATCH = ["**/__tests__/**/*.[jt]s?(x)", "**/?(*.)+(spec|test).[jt]s?(x)"];

const CONFIG_FILES = ["jest.config.js", "jest.config.cjs", "jest.config.json"];

function resolveRootDir(value: string, dir: string, rootDir: string): string {
  return resolve(rootDir, value.replace(/^<rootDir>\/?/, ""));
}

function loadCommonJs(file: string): unknown {
  const module = { exports: {} as unknown };
  const wrapper = runInThisContext(`(function (module, exports, require, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`, { filename: file }) as (...args: unknown[]) => void;
  wrapper(module, module.exports, createRequire(file), file, dirname(file));
  return module.exports;
}

/** The raw jest config of a package directory (jest.config.{js,cjs,json} or package.json "jest"), if any. */
function rawConfig(dir: string): Record<string, any> | undefined {
  for (const name of CONFIG_FILES) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    if (name.endsWith(".json")) return JSON.parse(readFileSync(file, "utf8"));
    // jest.config.js of that era is CommonJS (`module.exports = {...}`, possibly a function), even
    // where the surrounding package.json says "type": "module" (a connector copied into this tree).
    const loaded = loadCommonJs(file);
    const config = typeof loaded === "function" ? (loaded as () => unknown)() : loaded;
    return (config as { default?: unknown }).default !== undefined ? ((config as { default: Record<string, any> }).default) : (config as Record<string, any>);
  }
  const pkg = join(dir, "package.json");
  if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, "utf8")) as { jest?: Record<string, any> }).jest;
  return undefined;
}

/**
 * Reads the jest configuration of a package directory the way jest 26-27 did: `globals`,
 * `setupFiles` + `setupFilesAfterEnv` (`<rootDir>` expanded), `testMatch`, `testTimeout`, `moduleNameMapper`, `rootDir`.
 * Returns undefined when the directory has none.
 */
export function readJestConfig(dir: string): JestConfig | undefined {
  const raw = rawConfig(dir);
  if (!raw) return undefined;
  const rootDir = raw.rootDir ? resolve(dir, raw.rootDir) : dir;
  const setup = [...(raw.setupFiles ?? []), ...(raw.setupFilesAfterEnv ?? [])].map((file: string) => resolveRootDir(file, dir, rootDir));
  return {
    dir: rootDir,
    globals: raw.globals ?? {},
    setupFiles: setup,
    testMatch: raw.testMatch ?? JEST_DEFAULT_TEST_MATCH,
    moduleNameMapper: Object.entries((raw.moduleNameMapper ?? {}) as Record<string, string | string[]>).map(([pattern, target]) => ({
      find: new RegExp(pattern),
      replacement: (Array.isArray(target) ? target[0]! : target).replace(/<rootDir>/g, rootDir),
    })),
    ...(typeof raw.testTimeout === "number" ? { testTimeout: raw.testTimeout } : {}),
  };
}

/** The config of the nearest directory at or above `file` (up to `root`) among `configs`. */
export function configForFile(configs: readonly JestConfig[], file: string): JestConfig | undefined {
  let dir = dirname(file);
  for (;;) {
    const found = configs.find((config) => config.dir === dir);
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
