import { fileURLToPath } from "node:url";
// Relative paths: Vitest bundles its config without a TypeScript loader for workspace packages.
import { legacyCommonJs } from "../harness/src/compat/legacy-commonjs.ts";
import { defineWorkspaceProject } from "../../vitest.shared.ts";

// Legacy connectors and their jest-era tests run unchanged: jest globals (jest = vi), CommonJS
// require/module.exports, `node-fetch` as the current global fetch, and the plugin server's globals
// (RetryError, posthog) in the test process.
export default defineWorkspaceProject(import.meta.dirname, {
  plugins: [legacyCommonJs({ include: /\/legacy-fixtures\/connectors\/.*\.(?:js|ts)$/ })],
  resolve: { alias: { "node-fetch": fileURLToPath(new URL("../harness/src/compat/node-fetch.ts", import.meta.url)) } },
  test: { include: ["**/*.test.ts", "**/*.test.js"], globals: true, setupFiles: ["./test-setup.ts"] },
});
