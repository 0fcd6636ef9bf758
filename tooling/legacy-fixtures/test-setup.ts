// jest-era suites: `jest.fn()` is Vitest's `vi.fn()`; the plugin server's globals are installed.
import "@posthog/plugin-scaffold/test/globals";
import { vi } from "vitest";

(globalThis as Record<string, unknown>).jest = vi;
