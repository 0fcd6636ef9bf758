import { readFileSync } from "node:fs";
import { keyIdOf } from "@connectors/registry-client";
import { TEST_PUBLIC_KEY_FILE } from "../sign/load-signing-key.ts";
import { verifyCatalogSource } from "../verify/verify-catalog-source.ts";

/** Options of `pnpm registry verify`. */
export interface VerifyCommandOptions {
  /** registry.json, its directory, or a URL. */
  target: string;
  /** PEM file of the pinned public key; default: the committed TEST key. */
  publicKeyFile?: string;
}

/**
 * `pnpm registry verify <file|url> [--public-key F]`: checks the signature and every bundle, prints
 * one line per connector, returns 0 when everything verified and 1 otherwise.
 *
 * @throws SignatureError and friends when the catalog itself cannot be trusted (exit 1 via bin.ts)
 */
export async function runVerifyCommand(options: VerifyCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  const keyFile = options.publicKeyFile ?? TEST_PUBLIC_KEY_FILE;
  const publicKey = readFileSync(keyFile, "utf8");
  if (!options.publicKeyFile) log(`note: verifying against the committed TEST key (${keyIdOf(publicKey)}); pass --public-key for a published catalog`);
  const { catalog, bundles } = await verifyCatalogSource(options.target, publicKey);
  log(`signature ok: ${keyIdOf(publicKey)}, generated ${catalog.generated.time} from ${catalog.generated.commit.slice(0, 12)}${catalog.generated.testKey ? " (TEST key)" : ""}`);
  for (const b of bundles) log(`  ${b.ok ? "ok  " : "FAIL"} ${b.slug}@${b.version}${b.revoked ? " (revoked)" : ""}${b.error ? `: ${b.error}` : ""}`);
  const failed = bundles.filter((b) => !b.ok).length;
  log(failed ? `${failed} of ${bundles.length} bundle(s) failed verification` : `${bundles.length} bundle(s) verified, ${catalog.revoked.length} revocation(s)`);
  return failed ? 1 : 0;
}
