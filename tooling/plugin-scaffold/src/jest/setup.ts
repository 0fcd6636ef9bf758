// The setup file of the jest preset: the plugin server's globals, `jest` on top of Vitest's `vi`,
// then the test file's jest config (`globals`, `setupFiles`, `setupFilesAfterEnv`) before it runs.
import { expect, inject, vi } from "vitest";
import { installLegacyGlobals } from "../test/globals.ts";
import { configForFile, type JestConfig } from "./read-jest-config.ts";
import { createJestObject } from "./create-jest-object.ts";

declare module "vitest" {
  export interface ProvidedContext {
    jestConfigs: JestConfig[];
  }
}

const testFile = () => expect.getState().testPath;
installLegacyGlobals();
(globalThis as Record<string, unknown>).jest = createJestObject(vi as never, testFile);

const file = testFile();
const config = file ? configForFile(inject("jestConfigs") ?? [], file) : undefined;
if (config) {
  Object.assign(globalThis, structuredClone(config.globals));
  for (const setup of config.setupFiles) await import(setup);
}
