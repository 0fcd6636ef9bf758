import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatIssues } from "@connectors/plugin-api";
import { signDetached, type Catalog, type CatalogSignature, type UnsignedCatalog } from "@connectors/registry-client";
import { validateCatalog } from "../build/validate-catalog.ts";
import { CatalogSignError } from "../errors.ts";
import { stableJson } from "../json/stable-json.ts";
import { checkCatalogFiles } from "../verify/check-catalog-files.ts";
import type { SigningKey } from "./load-signing-key.ts";

/** Default validity of a signed catalog: clients refuse it this long after signing unless it is re-signed. */
export const DEFAULT_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/** Options of {@link signCatalog}. */
export interface SignCatalogOptions {
  /** The catalog directory `registry build` wrote (holds registry.json). */
  dir: string;
  key: SigningKey;
  /** The signing time (default: now). */
  now?: Date;
  /** How long the signature is valid, in ms (default 7 days). */
  validityMs?: number;
}

const MAX_ISSUES_SHOWN = 10;

async function readUnsigned(file: string): Promise<{ unsigned: UnsignedCatalog; previous?: CatalogSignature }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CatalogSignError(`${file} cannot be read as JSON (${(error as Error).message}). Fix: run \`pnpm registry build\` first.`, { cause: error });
  }
  const check = validateCatalog(value);
  if (!check.ok) {
    const shown = check.issues.slice(0, MAX_ISSUES_SHOWN);
    const more = check.issues.length > shown.length ? `\n  … and ${check.issues.length - shown.length} more` : "";
    throw new CatalogSignError(`${file} does not match registry.schema.json (an older or altered build?):\n${formatIssues(shown, file)}${more}\nFix: rebuild it with \`pnpm registry build\`.`);
  }
  const { signed: previous, ...unsigned } = check.value as Partial<Catalog> & UnsignedCatalog;
  return previous ? { unsigned, previous } : { unsigned };
}

async function replaceAtomically(files: Array<[string, string]>): Promise<void> {
  const temps = files.map(([file]) => `${file}.${process.pid}.tmp`);
  await Promise.all(files.map(([, content], i) => writeFile(temps[i]!, content)));
  for (const [i, [file]] of files.entries()) await rename(temps[i]!, file);
}

/**
 * `registry sign`: the only code that holds the signing key. Reads the unsigned registry.json that
 * `registry build` wrote, checks that every file of the directory is exactly the one it lists (size
 * and sha256, nothing missing, nothing added), then adds the `signed` block — key id, a generation
 * that is higher than any earlier signing (the signing time in seconds, or one more than the
 * directory's previous generation when re-signing), signing time and expiry — and writes
 * registry.json, its detached Ed25519 signature registry.json.sig and registry.pub.pem. It never
 * loads, bundles or runs connector code.
 *
 * @throws CatalogSignError naming the file and the problem; nothing is written then
 */
export async function signCatalog(options: SignCatalogOptions): Promise<Catalog> {
  const file = join(options.dir, "registry.json");
  const { unsigned, previous } = await readUnsigned(file);
  const problems = await checkCatalogFiles(options.dir, unsigned);
  if (problems.length) {
    throw new CatalogSignError(`${options.dir} is not what the build listed in registry.json; refusing to sign:\n${problems.map((p) => `- ${p.path}: ${p.problem}`).join("\n")}\nFix: rebuild with \`pnpm registry build\` and sign its output unchanged.`);
  }
  const now = options.now ?? new Date();
  const signed: CatalogSignature = {
    keyId: options.key.keyId,
    generation: Math.max(Math.floor(now.getTime() / 1000), (previous?.generation ?? 0) + 1),
    signedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.validityMs ?? DEFAULT_VALIDITY_MS)).toISOString(),
    ...(options.key.isTestKey ? { testKey: true } : {}),
  };
  const catalog: Catalog = { ...unsigned, signed };
  const text = Buffer.from(stableJson(catalog));
  await replaceAtomically([
    [file, text.toString("utf8")],
    [`${file}.sig`, signDetached(text, options.key.privateKey)],
    [join(options.dir, "registry.pub.pem"), options.key.publicPem],
  ]);
  return catalog;
}
