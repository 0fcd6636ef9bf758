import { SigningKeyError } from "../errors.ts";

/** Environment variables that hold, or point at, a signing key: none of them may reach a build. */
const SIGNING_VARIABLE = /SIGNING_KEY/i;

let keylessReason: string | undefined;

/** Names of the variables in `env` that hold, or point at, a signing key (`CONNECTORS_SIGNING_KEY` and relatives). */
export function signingSecretNames(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(env).filter((name) => SIGNING_VARIABLE.test(name));
}

/**
 * A copy of `env` without any variable whose name contains `SIGNING_KEY` (`CONNECTORS_SIGNING_KEY`
 * and relatives). Every child process the registry starts for a build (connector tests, turbo) gets
 * this environment, never the parent's.
 */
export function withoutSigningSecrets(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SIGNING_VARIABLE.test(name)));
}

/**
 * Puts this process in keyless mode for the rest of its life: deletes the signing-key variables from
 * `process.env` (so in-process conformance runs and any child started later cannot read them) and
 * makes {@link assertKeysAllowed} throw. `registry build` (and every command except `sign`) calls it
 * first, because it bundles, loads and tests connector code.
 *
 * @returns the names of the variables it removed (for a note; never their values)
 */
export function enterKeylessMode(reason: string, env: NodeJS.ProcessEnv = process.env): string[] {
  keylessReason = reason;
  const removed = signingSecretNames(env);
  for (const name of removed) delete env[name];
  return removed;
}

/** Whether {@link enterKeylessMode} was called in this process. */
export function isKeyless(): boolean {
  return keylessReason !== undefined;
}

/**
 * Throws when the process is in keyless mode: the only code that may read a signing key is
 * `registry sign`, in its own process.
 *
 * @throws SigningKeyError naming what tried to read the key
 */
export function assertKeysAllowed(what: string): void {
  if (keylessReason === undefined) return;
  throw new SigningKeyError(`${what} refused: this process ${keylessReason} and never holds a signing key. Fix: sign in a separate step, \`pnpm registry sign\`.`);
}
