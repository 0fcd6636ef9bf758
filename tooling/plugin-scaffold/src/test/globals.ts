// Importing this module gives the test process the globals PostHog's plugin server gave every
// plugin (`RetryError`, and a `posthog` that tests replace), so a legacy connector that uses them
// without importing works when a test requires it directly. Tests still replace `global.fetch` /
// `global.posthog` the way old suites did.
import { RetryError } from "@connectors/plugin-api";

/** Installs `RetryError` (and a placeholder `posthog` when none is set) on `globalThis`; idempotent. */
export function installLegacyGlobals(): void {
  const target = globalThis as Record<string, unknown>;
  target.RetryError ??= RetryError;
  target.posthog ??= {
    capture() {
      throw new Error("posthog.capture called in a test without a mock. Fix: set global.posthog = { capture: jest.fn() } first.");
    },
    api: {},
  };
}

installLegacyGlobals();
