import { spawn } from "node:child_process";

/** How a command ended. `output` is its stdout then stderr (the last {@link OUTPUT_CAP} characters of each). */
export interface ChildOutcome {
  status: number | null;
  output: string;
  /** Whether it was stopped for running past its budget. */
  overBudget: boolean;
}

/** Where and how long a command may run. */
export interface BudgetedRun {
  cwd: string;
  env: NodeJS.ProcessEnv;
  budgetMs: number;
}

/** Characters kept of each stream: a failing install or test run says what went wrong at its end. */
export const OUTPUT_CAP = 1_000_000;

/** Process groups still running, so a test that gives up early can stop them (see {@link stopAllBudgeted}). */
const running = new Set<number>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the whole group has exited already.
  }
}

function capped(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString("utf8");
  return text.length > OUTPUT_CAP ? text.slice(-OUTPUT_CAP) : text;
}

/**
 * Runs a command in a process group of its own, for at most `budgetMs`. When the budget runs out, or the
 * command exits leaving processes behind (an esbuild service, a vitest worker), the whole group is killed,
 * so nothing it started outlives it. Never rejects: a command that cannot start ends with status null.
 */
export function runBudgeted(command: string, args: string[], { cwd, env, budgetMs }: BudgetedRun): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let overBudget = false;
    let started = true;
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const timer = setTimeout(() => {
      overBudget = true;
      if (pid !== undefined) killGroup(pid);
    }, budgetMs);
    child.once("exit", () => pid !== undefined && killGroup(pid));
    child.once("error", (error) => {
      started = false;
      stderr.push(Buffer.from(`could not start ${command}: ${error.message}\n`));
    });
    child.once("close", (status) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      const note = overBudget ? `\n[stopped: ${command} ran past its budget of ${budgetMs / 1000} s]` : "";
      resolve({ status: overBudget || !started ? null : status, output: `${capped(stdout)}${capped(stderr)}${note}`, overBudget });
    });
  });
}

/** Kills every process group {@link runBudgeted} started that is still running. */
export function stopAllBudgeted(): void {
  for (const pid of running) killGroup(pid);
  running.clear();
}
