import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runBudgeted } from "./run-budgeted.ts";
import { STEP_BUDGET_MS } from "./step-budget.ts";

const options = { cwd: process.cwd(), env: { PATH: process.env.PATH } };

/** Whether `pid` is alive: a killed process whose parent has not reaped it yet shows as a zombie (Z). */
function isRunning(pid: number): boolean {
  const state = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return state !== "" && !state.startsWith("Z");
}

describe("runBudgeted", () => {
  it("returns the status and output of a command", async () => {
    const result = await runBudgeted("sh", ["-c", "echo out; echo err >&2; exit 3"], { ...options, budgetMs: STEP_BUDGET_MS });
    expect(result).toEqual({ status: 3, output: "out\nerr\n", overBudget: false });
  });

  it("kills what a command left running when it exits", async () => {
    const result = await runBudgeted("sh", ["-c", "sleep 300 & echo $!"], { ...options, budgetMs: STEP_BUDGET_MS });
    expect(result.status).toBe(0);
    expect(isRunning(Number(result.output.trim()))).toBe(false);
  });

  it("stops the whole process group once the budget runs out, and says so", async () => {
    const result = await runBudgeted("sh", ["-c", "sleep 300 & echo $!; wait"], { ...options, budgetMs: 200 });
    expect(result.overBudget).toBe(true);
    expect(result.status).toBeNull();
    expect(result.output).toContain("ran past its budget of 0.2 s");
    expect(isRunning(Number(result.output.split("\n")[0]))).toBe(false);
  });

  it("ends with status null and the reason when the command cannot start", async () => {
    const result = await runBudgeted("/nonexistent/command", [], { ...options, budgetMs: STEP_BUDGET_MS });
    expect(result.status).toBeNull();
    expect(result.output).toContain("could not start /nonexistent/command");
  });
});
