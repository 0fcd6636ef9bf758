/**
 * Keeps the process alive until `work` settles. The harness unrefs its hook timers (a host must not
 * be held open by them), so without this a CLI whose hook never settles would find an empty event
 * loop and exit 13 before its HookTimeoutError fires.
 */
export async function keepProcessAlive<T>(work: () => Promise<T>): Promise<T> {
  const handle = setInterval(() => {}, 2 ** 31 - 1);
  try {
    return await work();
  } finally {
    clearInterval(handle);
  }
}
