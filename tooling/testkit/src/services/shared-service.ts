import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { sharedTmpdir } from "../temp/shared-tmpdir.ts";
import { join } from "node:path";
import { withFileLock } from "./file-lock.ts";
import { isProcessAlive, stopProcess } from "./process-alive.ts";

/** A service process started for a test run. */
export interface RunningService {
  /** Its process id (stopped by this id when the last lease ends). */
  pid: number;
  url: string;
  /** Shown in suite titles, e.g. "embedded PostgreSQL 18.4". */
  origin: string;
}

/** How to start one kind of service in a directory of its own. */
export interface ServiceLauncher {
  /** Names the state directory and lock, e.g. "postgres". */
  name: string;
  /** The signal that shuts it down cleanly. */
  stopSignal: NodeJS.Signals;
  /**
   * Starts it with its files under `dir` (already created). Must write the process id to `dir/pid` as soon as
   * the process exists, and run it with its working directory inside `dir` (that is how a later run knows
   * the pid is still this server's), so a run that crashes leaves nothing the next run cannot clean.
   */
  start(dir: string): Promise<RunningService>;
}

/** A lease on a shared service: the service stays up until every lease is released (or its holder died). */
export interface ServiceLease {
  service: RunningService;
  /** Ends this lease; the last one stops the service and removes its directory. */
  release(): Promise<void>;
}

/** Where shared services keep their state: one directory per user and service under the temp dir. */
export function sharedServiceDir(name: string, root = sharedTmpdir()): string {
  return join(root, `connectors-testkit-${userInfo().uid}-${name}`);
}

/**
 * Leases the one running instance of a service, starting it when none runs: every vitest process of a run
 * (turbo runs several packages at once) shares it. Leases name their holder's pid, so a crashed holder's
 * lease does not keep the service up, and a crashed run's server and files are removed by the next lease.
 *
 * @param launcher - how to start the service
 * @param root - the parent of its state directory (default: the machine temp dir, also inside a run with a private TMPDIR)
 */
export async function leaseSharedService(launcher: ServiceLauncher, root = sharedTmpdir()): Promise<ServiceLease> {
  const dir = sharedServiceDir(launcher.name, root);
  const lockFile = `${dir}.lock`;
  const lease = join(dir, "leases", `${process.pid}-${randomBytes(4).toString("hex")}`);
  const service = await withFileLock(lockFile, async () => {
    const running = liveLeases(dir).length > 0 ? readRunning(dir) : undefined;
    const current = running ?? (await startFresh(launcher, dir));
    writeFileSync(lease, String(process.pid));
    return current;
  });
  let released = false;
  return {
    service,
    release: async () => {
      if (released) return;
      released = true;
      await withFileLock(lockFile, async () => {
        rmSync(lease, { force: true });
        if (liveLeases(dir).length === 0) await removeService(dir, launcher.stopSignal);
      });
    },
  };
}

async function startFresh(launcher: ServiceLauncher, dir: string): Promise<RunningService> {
  await removeService(dir, launcher.stopSignal);
  mkdirSync(join(dir, "leases"), { recursive: true });
  // Traversable by the unprivileged user a server may run as (PostgreSQL refuses to run as root).
  chmodSync(dir, 0o755);
  try {
    const service = await launcher.start(dir);
    writeFileSync(join(dir, "service.json"), JSON.stringify(service));
    return service;
  } catch (error) {
    await removeService(dir, launcher.stopSignal);
    throw error;
  }
}

function readRunning(dir: string): RunningService | undefined {
  try {
    const service = JSON.parse(readFileSync(join(dir, "service.json"), "utf8")) as RunningService;
    return isProcessAlive(service.pid) && runsIn(service.pid, dir) ? service : undefined;
  } catch {
    return undefined;
  }
}

/** Lease files whose holder is alive; removes the others. */
function liveLeases(dir: string): string[] {
  const leases = join(dir, "leases");
  if (!existsSync(leases)) return [];
  return readdirSync(leases).filter((name) => {
    if (isProcessAlive(Number(name.split("-")[0]))) return true;
    unlinkSync(join(leases, name));
    return false;
  });
}

async function removeService(dir: string, signal: NodeJS.Signals): Promise<void> {
  if (!existsSync(dir)) return;
  const pid = Number(readFileIfAny(join(dir, "pid")));
  // A crashed run's pid may belong to an unrelated process by now: stop it only if it works in `dir`.
  if (pid && runsIn(pid, dir)) await stopProcess(pid, signal);
  rmSync(dir, { recursive: true, force: true });
}

/** Whether the process works inside `dir` (its cwd on Linux; its command line elsewhere). */
function runsIn(pid: number, dir: string): boolean {
  try {
    if (existsSync("/proc/self/cwd")) return realpathSync(`/proc/${pid}/cwd`).startsWith(realpathSync(dir));
    return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).includes(dir);
  } catch {
    return false;
  }
}

function readFileIfAny(path: string): string {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return "";
  }
}
