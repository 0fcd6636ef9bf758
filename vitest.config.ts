import { defineConfig } from "vitest/config";

// One root run covers every package: `pnpm vitest run` (or `pnpm test` for the cached, per-package
// turbo run). Each package keeps its own vitest.config.ts built from vitest.shared.ts.
export default defineConfig({
  test: {
    projects: ["plugins/*/vitest.config.ts", "tooling/*/vitest.config.ts", "registry/vitest.config.ts*"],
  },
});
