// `@posthog/plugin-contrib` for jest-era suites: the harness's buffer, timed by the test's own
// timers (so `jest.useFakeTimers()` + `jest.advanceTimersByTime()` drive its flush).
import { createBuffer as createHarnessBuffer } from "@connectors/harness";

type BufferOptions<T> = Parameters<typeof createHarnessBuffer<T>>[0];

const testTimers = {
  setTimeout: (callback: () => unknown, ms: number) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle: ReturnType<typeof setTimeout>) => globalThis.clearTimeout(handle),
};

/** `createBuffer({ limit, timeoutSeconds, onFlush })` as plugin-contrib 0.0.x had it, on the test's timers. */
export function createBuffer<T = unknown>(options: BufferOptions<T>) {
  return createHarnessBuffer<T, ReturnType<typeof setTimeout>>(options, testTimers);
}
