import { dirname, resolve } from "node:path";

/**
 * The directory the user ran a command in. pnpm and npm run a package script from the package's folder
 * (`pnpm connectors …` from anywhere in the workspace runs at its root) and say where the user typed it
 * in `INIT_CWD`. That variable is inherited by every process the script starts, so it is only believed
 * while this process still runs where the script started (beside `npm_package_json`): a CLI started by
 * another program in another folder (a test spawning `connectors test` in a temp repository) works
 * where it was started, not where an outer pnpm run began.
 *
 * @param env - the process environment
 * @param cwd - the process's working directory
 */
export function invocationCwd(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const { INIT_CWD: initCwd, npm_package_json: packageJson } = env;
  if (!initCwd || !packageJson) return cwd;
  return resolve(dirname(packageJson)) === resolve(cwd) ? initCwd : cwd;
}
