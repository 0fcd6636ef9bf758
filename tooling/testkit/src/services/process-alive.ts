/** Whether a process with this id exists (one owned by another user counts: signalling it is refused, not absent). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Stops a process by id: `signal` first, then SIGKILL if it is still there after `graceMs`; resolves once it is gone.
 *
 * @param pid - the process
 * @param signal - the polite signal (PostgreSQL: SIGINT, fast shutdown; redis-server: SIGTERM)
 * @param graceMs - how long it may take before SIGKILL
 */
export async function stopProcess(pid: number, signal: NodeJS.Signals, graceMs = 30_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
