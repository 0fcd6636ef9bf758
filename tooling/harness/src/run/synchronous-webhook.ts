/**
 * composeWebhook must answer synchronously, as in PostHog: throws when it returned a promise. Checked
 * where the hook runs (in-process, or in a pool's sandbox process, whose answer reaches the host as a promise).
 */
export function assertSynchronousWebhook(out: unknown): void {
  if (out && typeof (out as { then?: unknown }).then === "function") throw new Error("composeWebhook must be synchronous; it returned a Promise");
}
