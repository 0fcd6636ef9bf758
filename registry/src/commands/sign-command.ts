import { relative } from "node:path";
import { SigningKeyError } from "../errors.ts";
import { loadSigningKey } from "../sign/load-signing-key.ts";
import { DEFAULT_VALIDITY_MS, signCatalog } from "../sign/sign-catalog.ts";

/** Options of `pnpm registry sign`. */
export interface SignCommandOptions {
  /** The catalog directory (default registry/dist). */
  dir: string;
  /** Days the signature stays valid (default 7). */
  expiresInDays?: number;
  /** Sign with the committed development key even where CI is set. */
  devKey?: boolean;
  env?: NodeJS.ProcessEnv;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `pnpm registry sign [--dir registry/dist] [--expires-in DAYS] [--dev-key]`: signs the catalog the
 * build wrote, with `CONNECTORS_SIGNING_KEY` (CI) or else the committed development key (local).
 * In CI (`CI` set) the development key is refused unless `--dev-key` says it is wanted.
 *
 * @throws SigningKeyError for a bad key, or the development key in CI; CatalogSignError for a directory the build did not produce
 */
export async function runSignCommand(options: SignCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  const env = options.env ?? process.env;
  const days = options.expiresInDays ?? DEFAULT_VALIDITY_MS / DAY_MS;
  if (!Number.isFinite(days) || days <= 0 || days > 366) throw new SigningKeyError(`--expires-in ${options.expiresInDays} is not a number of days between 0 and 366. Fix: e.g. --expires-in 7.`);
  const key = loadSigningKey(env);
  if (key.isTestKey && env.CI && !options.devKey) {
    throw new SigningKeyError("CONNECTORS_SIGNING_KEY is not set and CI is: refusing to sign with the development key. Fix: pass the secret to this step only, or add --dev-key for a throwaway test catalog.");
  }
  const catalog = await signCatalog({ dir: options.dir, key, validityMs: days * DAY_MS });
  const where = relative(process.cwd(), options.dir) || ".";
  log(`signed ${where}/registry.json: ${catalog.connectors.length} connector(s), ${Object.keys(catalog.files).length} file(s) checked`);
  log(`  key ${catalog.signed.keyId}${key.isTestKey ? " (the committed DEVELOPMENT key: local use only; CI signs with CONNECTORS_SIGNING_KEY)" : ""}`);
  log(`  generation ${catalog.signed.generation}, signed ${catalog.signed.signedAt}, expires ${catalog.signed.expiresAt} (re-sign before then)`);
  return 0;
}
