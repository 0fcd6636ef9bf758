// `@jest/globals` for jest-era suites that import their globals explicitly
// (`import { jest, expect, test } from '@jest/globals'`): the preset's `jest` object and Vitest's
// test API under jest's names.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, test } from "vitest";

/** The preset's `jest` object (set up by the preset's setup file before any test file runs). */
export const jest = (globalThis as Record<string, unknown>).jest;

export { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, test };
