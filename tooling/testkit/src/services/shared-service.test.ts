import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPostgresLauncher } from "./embedded-postgres.ts";
import { isProcessAlive } from "./process-alive.ts";
import { redisServerLauncher } from "./redis-server.ts";
import { leaseSharedService, sharedServiceDir } from "./shared-service.ts";
import pg from "pg";

const root = mkdtempSync(join(tmpdir(), "testkit-services-"));
// Reachable by the "postgres" user the embedded server runs as when the tests run as root.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));
const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;

/** A pid that existed and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("embedded PostgreSQL as a shared service", () => {
  it("starts a real server, serves SQL, and the last release stops it and removes its directory", { timeout: 180_000 }, async () => {
    const lease = await leaseSharedService(embeddedPostgresLauncher(), root);
    const dir = sharedServiceDir("postgres", root);
    expect(lease.service.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(lease.service.origin).toMatch(/^embedded PostgreSQL 1[78]\.\d+$/);
    const client = new pg.Client({ connectionString: lease.service.url });
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('server_version_num')::int / 10000 AS major, current_setting('fsync') AS fsync");
    await client.end();
    expect(rows[0].major).toBeGreaterThanOrEqual(17);
    expect(rows[0].fsync).toBe("off");
    expect(isProcessAlive(lease.service.pid)).toBe(true);
    await lease.release();
    expect(isProcessAlive(lease.service.pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});

describe.skipIf(!hasRedis)("leases on a shared redis-server", () => {
  it("shares one server between leases and stops it only when the last one is released", { timeout: 120_000 }, async () => {
    const first = await leaseSharedService(redisServerLauncher(), root);
    const second = await leaseSharedService(redisServerLauncher(), root);
    expect(second.service).toEqual(first.service);
    await first.release();
    await first.release();
    expect(isProcessAlive(first.service.pid)).toBe(true);
    await second.release();
    expect(isProcessAlive(first.service.pid)).toBe(false);
    expect(existsSync(sharedServiceDir("redis", root))).toBe(false);
  });

  it("cleans a crashed run's leftovers (a server only a dead process leased) and starts a fresh one", { timeout: 120_000 }, async () => {
    const dir = sharedServiceDir("redis", root);
    mkdirSync(join(dir, "leases"), { recursive: true });
    const leftover = spawn("sleep", ["300"], { cwd: dir, detached: true, stdio: "ignore" });
    leftover.unref();
    const exited = new Promise((resolve) => leftover.once("exit", resolve));
    writeFileSync(join(dir, "pid"), String(leftover.pid));
    writeFileSync(join(dir, "service.json"), JSON.stringify({ pid: leftover.pid, url: "redis://127.0.0.1:1", origin: "old" }));
    writeFileSync(join(dir, "leases", `${deadPid()}-dead`), "");
    writeFileSync(`${dir}.lock`, String(deadPid()));
    const lease = await leaseSharedService(redisServerLauncher(), root);
    await exited;
    expect(lease.service.pid).not.toBe(leftover.pid);
    expect(lease.service.url).not.toBe("redis://127.0.0.1:1");
    await lease.release();
    expect(existsSync(dir)).toBe(false);
  });

  it("leaves alone an unrelated process that reuses a crashed run's pid", { timeout: 120_000 }, async () => {
    const dir = sharedServiceDir("redis", root);
    mkdirSync(dir, { recursive: true });
    const unrelated = spawn("sleep", ["300"], { cwd: tmpdir(), detached: true, stdio: "ignore" });
    unrelated.unref();
    writeFileSync(join(dir, "pid"), String(unrelated.pid));
    const lease = await leaseSharedService(redisServerLauncher(), root);
    expect(isProcessAlive(unrelated.pid!)).toBe(true);
    unrelated.kill();
    await lease.release();
  });
});
