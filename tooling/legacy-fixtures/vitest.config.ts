// Relative paths: Vitest bundles its config without a TypeScript loader for workspace packages.
import { jestPreset } from "../plugin-scaffold/src/jest/define-jest-project.ts";
import { defineWorkspaceProject } from "../../vitest.shared.ts";

// Legacy connectors and their jest-era tests run unmodified through @posthog/plugin-scaffold/jest:
// jest on top of vi, hoisted jest.mock, each connector's jest.config (globals, setup files,
// testMatch), sloppy CommonJS, node-fetch as the current global fetch, the plugin server's globals.
const preset = jestPreset(import.meta.dirname);
export default defineWorkspaceProject(import.meta.dirname, { ...preset, test: { ...preset.test, include: ["**/*.test.ts", "**/*.test.js", ...preset.test.include] } });
