/**
 * Awaits a hook call that must fail and returns what it rejected with, to assert on the connector's own
 * error: the harness rejects with a HookFailedError whose `cause` is what the connector threw.
 *
 * @param call - the hook call (e.g. `connector.exportEvents(batch)`)
 * @throws Error when the call succeeds
 * @example
 * const error = await catchHookFailure(connector.exportEvents(batch));
 * expect(error.cause.name).toBe("RetryError");
 */
export async function catchHookFailure(call: Promise<unknown>): Promise<Error & { cause: Error }> {
  const outcome = await call.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) throw new Error("expected the hook call to fail, but it succeeded");
  return outcome.error as Error & { cause: Error };
}
