import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { isProcessAlive } from "./process-alive.ts";

/**
 * Holds an exclusive lock between processes while `work` runs: a file created with O_EXCL that names its
 * holder's pid. A lock whose holder died (a crashed run) is taken over. Hand-written because Node has no
 * flock and the libraries' mtime-based staleness would let a live holder that is busy starting a server
 * lose its lock; the holder's pid tells a dead holder from a slow one.
 *
 * @param path - the lock file
 * @param work - what to do while holding it
 * @param waitMs - how long to wait for another holder before giving up (generous: a holder may be starting a server)
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, waitMs = 180_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  while (!tryTake(path)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${path} (held by pid ${readHolder(path)}); delete it if that process is gone`);
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
  }
  try {
    return await work();
  } finally {
    if (readHolder(path) === process.pid) unlinkSync(path);
  }
}

function tryTake(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = readHolder(path);
  if (holder !== undefined && !isProcessAlive(holder)) {
    // Re-read right before removing so a lock freshly taken by a live process is left alone.
    if (readHolder(path) === holder) {
      try {
        unlinkSync(path);
      } catch {
        // another waiter removed it first
      }
    }
  }
  return false;
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
