import { transformSync } from "esbuild";
import { hoistJestMocks, implicitGlobalsToGlobalThis } from "./jest-hoist.ts";

/**
 * The slice of a Vite/Vitest plugin that {@link legacyCommonJs} fills (declared here so the harness
 * does not depend on Vite's types).
 */
export interface LegacyCommonJsPlugin {
  name: string;
  enforce: "pre";
  transform(code: string, id: string): { code: string; map: null } | undefined;
}

/** Options of {@link legacyCommonJs}. */
export interface LegacyCommonJsOptions {
  /** Only files whose path matches are rewritten (default: .js/.cjs/.ts outside node_modules). */
  include?: RegExp;
}

const REQUIRE = /\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const ESM_SYNTAX = /^\s*(?:import\s+[\w*{'"]|export\s+(?:default|const|let|var|function|async|class|\{|\*))/m;
const CJS_SYNTAX = /\bmodule\.exports\b|(?:^|[^.\w$])exports\.[\w$]+\s*=/m;

const TEST_FILE = /(?:[./](?:test|spec)\.[cm]?[jt]sx?|\/__tests__\/.*\.[cm]?[jt]sx?)$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;

/** TypeScript without its types (esbuild, no type-checking, imports and requires left as written). */
function stripTypes(code: string, file: string): string {
  return transformSync(code, { loader: file.endsWith("x") ? "tsx" : "ts", sourcefile: file, target: "node20", format: undefined }).code;
}

/**
 * Rewrites one legacy source (a connector or its jest-era test) so it runs under Vitest:
 * - `require("x")` of a string literal becomes a hoisted `import * as`, with Babel-like interop (a
 *   CommonJS module gives its `module.exports`, JSON its value, an ES module its namespace);
 * - a CommonJS connector source keeps sloppy-mode semantics, as in PostHog's plugin server and in
 *   jest (implicit globals like `arr = []`, `this` at the top level): it runs as a script through
 *   `vm.runInThisContext` with `exports, require, module, __filename, __dirname`;
 * - a test file's top-level `jest.mock(...)` calls are hoisted (see {@link hoistJestMocks});
 * - `module.exports` is the default export. Sources that need none of this are returned unchanged
 *   (undefined).
 */
export function rewriteCommonJs(code: string, id: string): string | undefined {
  const file = id.split("?")[0]!;
  const typescript = TYPESCRIPT.test(file);
  const isTest = TEST_FILE.test(file);
  if (!/\bjest\.mock\(|\brequire\s*\(/.test(code) && !CJS_SYNTAX.test(code) && !isTest) return undefined;
  const js = typescript ? stripTypes(code, file) : code;
  const esm = ESM_SYNTAX.test(js);
  const sloppyTest = isTest && !esm ? implicitGlobalsToGlobalThis(js, "script") : undefined;
  const hoisted = isTest ? hoistJestMocks(sloppyTest ?? js, esm ? "module" : "script") : undefined;
  const source = hoisted ?? sloppyTest ?? js;
  const specifiers = [...new Set([...source.matchAll(REQUIRE)].map((m) => m[2]!))];
  const isCommonJs = !esm && CJS_SYNTAX.test(source);
  if (specifiers.length === 0 && !isCommonJs && !hoisted && !sloppyTest) return undefined;
  const imports = specifiers.map((s, i) => `import * as __legacy_req_${i} from ${JSON.stringify(s)};`).join("\n");
  const table = specifiers.map((s, i) => `${JSON.stringify(s)}: __legacy_req_${i}`).join(", ");
  const prelude = [
    imports,
    `const __legacy_modules = { ${table} };`,
    `const require = (specifier) => {`,
    `  if (!(specifier in __legacy_modules)) throw new Error("Cannot require '" + specifier + "' dynamically in a legacy source; use a string literal");`,
    `  const m = __legacy_modules[specifier];`,
    `  if (m.__legacyCommonJs || specifier.endsWith(".json")) return m.default;`,
    `  if (specifier.startsWith(".")) return m;`,
    `  const keys = Object.keys(m).filter((k) => k !== "__esModule" && k !== "default");`,
    // An ES module whose default export carries every named export is a CommonJS module.exports
    // (node-fetch: a function with Headers, Response, FetchError... as properties).
    `  if (m.default !== undefined && m.default !== null && keys.every((k) => m.default[k] === m[k])) return m.default;`,
    `  return m;`,
    `};`,
  ];
  if (!isCommonJs) return `${prelude.join("\n")}\n${source}`;
  const dir = file.slice(0, file.lastIndexOf("/")) || "/";
  const footer = [`;export const __legacyCommonJs = true;`, `export default module.exports;`];
  if (isTest) {
    // Test files stay module code, so the hoisted vi.mock factories see the file's `mock*` variables.
    return [...prelude, `const __filename = ${JSON.stringify(file)};`, `const __dirname = ${JSON.stringify(dir)};`, `const module = { exports: {} };`, `var exports = module.exports;`, source, ...footer].join("\n");
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return [
    `import { runInThisContext as __legacy_run } from "node:vm";`,
    ...prelude,
    `const module = { exports: {} };`,
    `__legacy_run(${JSON.stringify(wrapped)}, { filename: ${JSON.stringify(file)} }).call(module.exports, module.exports, require, module, ${JSON.stringify(file)}, ${JSON.stringify(dir)});`,
    ...footer,
  ].join("\n");
}

/**
 * A Vitest (Vite) plugin that runs legacy PostHog connectors and their jest-era tests unchanged:
 * CommonJS sources (`module.exports`, `exports.x =`, `require(...)`) are rewritten by
 * {@link rewriteCommonJs}. Put it in a project's `plugins` together with `globals: true` and the
 * setup `@posthog/plugin-scaffold/test/globals`.
 *
 * @example
 * defineWorkspaceProject(import.meta.dirname, { plugins: [legacyCommonJs()], test: { globals: true } })
 */
export function legacyCommonJs(options: LegacyCommonJsOptions = {}): LegacyCommonJsPlugin {
  const include = options.include ?? /^(?!.*\/node_modules\/).*\.(?:c?js|ts)$/;
  return {
    name: "connectors:legacy-commonjs",
    enforce: "pre",
    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!include.test(file)) return undefined;
      const out = rewriteCommonJs(code, file);
      return out === undefined ? undefined : { code: out, map: null };
    },
  };
}
