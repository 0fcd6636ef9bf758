import { join } from "node:path";
import { NESTED_CHECK_MARKER } from "./nested-check-guard.ts";

/** What a child needs from the outer environment: where programs are, and the locale. */
const KEPT = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ"] as const;

/**
 * The whole environment of a process the check starts, built from nothing (as `env -i` would) rather
 * than filtered: the outer run's variables (`INIT_CWD` and the rest of pnpm's `npm_*`, `NODE_PATH`,
 * `NODE_OPTIONS`, `VITEST*`, `TURBO*`, service URLs) would make the child behave as part of the workspace.
 * HOME, TMPDIR and the XDG folders point into `home`, so caches and config land in the check's temp dir.
 * pnpm keeps using the store the workspace install filled (nothing is fetched) and checks for no updates.
 *
 * @param home - a folder inside the check's temp dir
 * @param storeDir - the pnpm store of the workspace (`pnpm store path`)
 * @param outer - the environment to take {@link KEPT} from
 */
export function standaloneChildEnv(home: string, storeDir: string, outer: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(KEPT.flatMap((name) => (outer[name] === undefined ? [] : [[name, outer[name]]])));
  return {
    ...kept,
    HOME: home,
    TMPDIR: join(home, "tmp"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_STATE_HOME: join(home, ".local/state"),
    npm_config_store_dir: storeDir,
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
    [NESTED_CHECK_MARKER]: "1",
  };
}
