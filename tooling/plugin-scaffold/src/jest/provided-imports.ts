import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
// Deep relative import on purpose (a Vitest config is bundled without a TypeScript loader for
// workspace packages; see define-jest-project.ts).
import { hostModuleName } from "../../../harness/src/load/host-modules.ts";

/** The slice of a Vite plugin {@link providedImports} fills (no dependency on Vite's types). */
export interface ProvidedImportsPlugin {
  name: string;
  enforce: "pre";
  resolveId(
    this: { resolve(source: string, importer?: string, options?: Record<string, unknown>): Promise<{ id: string } | null> },
    source: string,
    importer: string | undefined,
    options: Record<string, unknown>,
  ): Promise<string | { id: string } | null>;
}

const scaffoldRequire = createRequire(fileURLToPath(new URL("../../package.json", import.meta.url)));
const harnessRequire = createRequire(fileURLToPath(new URL("../../../harness/package.json", import.meta.url)));
const JEST_GLOBALS = fileURLToPath(new URL("./jest-globals.ts", import.meta.url));
const PLUGIN_CONTRIB = fileURLToPath(new URL("../contrib/plugin-contrib.ts", import.meta.url));

/**
 * Where the plugin server's copy of an import lives, for a package that does not install it:
 * `@posthog/plugin-scaffold` (and `/test/utils`) is this package, `@posthog/plugin-contrib` its
 * buffer on the test's timers, `@jest/globals` the preset's `jest` with Vitest's `expect`/`test`/...,
 * and the vendor SDKs, `pg` and `generic-pool` the harness's own installation (the versions the
 * plugin server shipped). Undefined for anything else.
 */
export function providedImportPath(specifier: string): string | undefined {
  if (specifier === "@jest/globals") return JEST_GLOBALS;
  if (specifier === "@posthog/plugin-contrib") return PLUGIN_CONTRIB;
  if (specifier === "@posthog/plugin-scaffold" || specifier.startsWith("@posthog/plugin-scaffold/")) {
    return scaffoldRequire.resolve(specifier);
  }
  const name = hostModuleName(specifier);
  if (!name || specifier.startsWith("node:") || !/^(?:@google-cloud\/|aws-sdk|snowflake-sdk|pg$|generic-pool$)/.test(name)) return undefined;
  return harnessRequire.resolve(specifier);
}

/**
 * A Vite plugin that gives a jest-era package the imports PostHog's plugin server (and jest) gave it
 * when the package does not install them itself: its own `node_modules` win, the plugin server's
 * copies ({@link providedImportPath}) fill in. So a connector checked out alone — no `yarn install` —
 * still runs its suite, and `jest.mock('aws-sdk')` mocks the same module the connector imports.
 */
export function providedImports(): ProvidedImportsPlugin {
  return {
    name: "posthog:provided-imports",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const provided = providedImportPath(source);
      if (!provided) return null;
      const own = await this.resolve(source, importer, { ...options, skipSelf: true }).catch(() => null);
      return own ?? provided;
    },
  };
}
