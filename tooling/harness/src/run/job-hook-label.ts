/**
 * The hook label of a connector job: how the harness names the job in background errors, logs,
 * budgets and sandbox calls, and how the CLI finds a failed job's error. One spelling for all.
 *
 * @example
 * connector.errors.find((error) => error.hook === jobHookLabel("sync"));
 */
export function jobHookLabel(name: string): string {
  return `job ${name}`;
}
