import { defineWorkspaceProject } from "../../vitest.shared.ts";
import { STEP_TIMEOUT_MS } from "./src/step-budget.ts";

export default defineWorkspaceProject(import.meta.dirname, { test: { testTimeout: STEP_TIMEOUT_MS, hookTimeout: STEP_TIMEOUT_MS } });
