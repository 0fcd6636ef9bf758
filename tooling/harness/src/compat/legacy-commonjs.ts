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

/**
 * Rewrites one CommonJS-style source (a legacy connector or its jest-style test) so it runs as an
 * ES module under Vitest: `require("x")` of a string literal becomes a hoisted `import * as`, with
 * Babel-like interop (a CommonJS module gives its `module.exports`, JSON gives its value, an ES
 * module its namespace); `module`, `exports`, `__filename` and `__dirname` exist, and
 * `module.exports` is the default export. Sources without `require`/`module.exports`/`exports.x`
 * are returned unchanged (undefined).
 */
export function rewriteCommonJs(code: string, id: string): string | undefined {
  const specifiers = [...new Set([...code.matchAll(REQUIRE)].map((m) => m[2]!))];
  const isCommonJs = !ESM_SYNTAX.test(code) && CJS_SYNTAX.test(code);
  if (specifiers.length === 0 && !isCommonJs) return undefined;
  const file = id.split("?")[0]!;
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
  if (!isCommonJs) return `${prelude.join("\n")}\n${code}`;
  return [
    ...prelude,
    `const __filename = ${JSON.stringify(file)};`,
    `const __dirname = ${JSON.stringify(file.slice(0, file.lastIndexOf("/")) || "/")};`,
    `const module = { exports: {} };`,
    `var exports = module.exports;`,
    code,
    `;export const __legacyCommonJs = true;`,
    `export default module.exports;`,
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
