import { readFileSync } from "node:fs";
import { keyIdOf } from "@connectors/registry-client";
import { ConnectorsError } from "@connectors/plugin-api";
import { TEST_PUBLIC_KEY_FILE } from "../sign/load-signing-key.ts";
import { verifyCatalogSource } from "../verify/verify-catalog-source.ts";

/** Options of `pnpm registry verify`. */
export interface VerifyCommandOptions {
  /** registry.json, its directory, or a URL. */
  target: string;
  /** PEM file of the pinned public key. */
  publicKeyFile?: string;
  /** Accept the committed development key (the default for a local directory without --public-key). */
  devKey?: boolean;
}

const isUrl = (target: string) => /^https?:\/\//.test(target);

/**
 * `pnpm registry verify [file|dir|url] [--public-key F | --dev-key]`: checks the signature, expiry,
 * every bundle and (for a directory) every listed file; prints one line per connector; returns 0 when
 * everything verified and 1 otherwise. A local directory without `--public-key` is checked against
 * the committed development key (what `registry sign` uses without CONNECTORS_SIGNING_KEY), and says
 * so; a URL needs `--public-key`, or `--dev-key` to accept the development key.
 *
 * @throws SignatureError, CatalogExpiredError and friends when the catalog itself cannot be trusted (exit 1 via bin.ts)
 */
export async function runVerifyCommand(options: VerifyCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  if (!options.publicKeyFile && !options.devKey && isUrl(options.target)) {
    throw new ConnectorsError("USAGE", `registry verify ${options.target}: a published catalog is checked against the key you pinned. Fix: pass --public-key <registry.pub.pem you were given>, or --dev-key for a local development catalog.`);
  }
  const useDevKey = !options.publicKeyFile;
  const publicKey = readFileSync(options.publicKeyFile ?? TEST_PUBLIC_KEY_FILE, "utf8");
  if (useDevKey) log(`note: verifying against the committed DEVELOPMENT key (${keyIdOf(publicKey)}); a published catalog needs --public-key`);
  const { catalog, bundles, files } = await verifyCatalogSource(options.target, publicKey, { allowDevelopmentKey: useDevKey });
  const s = catalog.signed;
  log(`signature ok: ${s.keyId}${s.testKey ? " (DEVELOPMENT key)" : ""}, generation ${s.generation}, expires ${s.expiresAt}; built ${catalog.generated.time} from ${catalog.generated.commit.slice(0, 12)}`);
  for (const b of bundles) log(`  ${b.ok ? "ok  " : "FAIL"} ${b.slug}@${b.version}${b.revoked ? " (revoked)" : ""}${b.error ? `: ${b.error}` : ""}`);
  const failedBundles = new Set(catalog.connectors.filter((e, i) => !bundles[i]!.ok).map((e) => e.bundle.path));
  const otherFiles = files.filter((f) => !failedBundles.has(f.path));
  for (const f of otherFiles) log(`  FAIL ${f.path}: ${f.problem}`);
  const failed = failedBundles.size + otherFiles.length;
  log(failed ? `${failed} problem(s): the catalog does not match what was signed` : `${bundles.length} bundle(s) verified, ${catalog.revoked.length} revocation(s)`);
  return failed ? 1 : 0;
}
