/**
 * How long the commands of one step of the check (setting up the repository, or one test) may run
 * together: generous, since pnpm, vitest and esbuild share 2 busy cores with the rest of `pnpm test`. The
 * commands are stopped when it runs out; vitest's own timeout is a little longer, so the failure names
 * the command. Nothing is timed otherwise.
 */
export const STEP_BUDGET_MS = 240_000;

/** vitest's timeout for each test and hook of the check. */
export const STEP_TIMEOUT_MS = STEP_BUDGET_MS + 30_000;

/** What is left of a {@link STEP_BUDGET_MS} started now, for each command of a step in turn. */
export function stepBudget(totalMs: number = STEP_BUDGET_MS): () => number {
  const end = Date.now() + totalMs;
  return () => Math.max(end - Date.now(), 1);
}
