import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withFileLock } from "./file-lock.ts";

const dir = mkdtempSync(join(tmpdir(), "testkit-lock-"));

describe("withFileLock", () => {
  it("runs holders one at a time and removes the lock after each", async () => {
    const lock = join(dir, "serial.lock");
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(lock, async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${name} out`);
      });
    await Promise.all([holder("a"), holder("b"), holder("c")]);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace("in", "out"));
    expect(existsSync(lock)).toBe(false);
  });

  it("takes over a lock whose holder died, and releases it when the work throws", async () => {
    const lock = join(dir, "stale.lock");
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
    writeFileSync(lock, String(dead));
    await expect(withFileLock(lock, async () => Promise.reject(new Error("work failed")))).rejects.toThrow("work failed");
    expect(existsSync(lock)).toBe(false);
  });

  it("gives up on a live holder after the wait, naming the lock and its holder", async () => {
    const lock = join(dir, "held.lock");
    writeFileSync(lock, String(process.ppid));
    await expect(withFileLock(lock, async () => undefined, 200)).rejects.toThrow(`Timed out waiting for the lock ${lock} (held by pid ${process.ppid})`);
  });
});
