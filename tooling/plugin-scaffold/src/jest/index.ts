export { jestPreset, type JestPresetOptions } from "./define-jest-project.ts";
export { readJestConfig, configForFile, JEST_DEFAULT_TEST_MATCH, type JestConfig } from "./read-jest-config.ts";
export { createJestObject } from "./create-jest-object.ts";
