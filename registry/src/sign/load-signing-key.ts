import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { keyIdOf } from "@connectors/registry-client";
import { SigningKeyError } from "../errors.ts";
import { assertKeysAllowed } from "./keyless-mode.ts";

/** The key a catalog is signed with. */
export interface SigningKey {
  privateKey: KeyObject;
  /** The public half as SPKI PEM (published as registry.pub.pem). */
  publicPem: string;
  keyId: string;
  /** True for the committed development (test) key, registry/keys/test-signing-key.pem. */
  isTestKey: boolean;
}

/** Directory of the committed TEST-ONLY (development) key pair. */
export const TEST_KEYS_DIR = join(import.meta.dirname, "../../keys");

/** Path of the committed TEST-ONLY public key, the default for `registry verify` on local builds. */
export const TEST_PUBLIC_KEY_FILE = join(TEST_KEYS_DIR, "test-signing-key.pub.pem");

function fromPem(pem: string, source: string, isTestKey: boolean): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new SigningKeyError(`${source} does not hold a PEM private key (${(error as Error).message}). Fix: set it to the PKCS#8 PEM text of the Ed25519 signing key.`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(`${source} holds a ${privateKey.asymmetricKeyType} key; the registry signs with Ed25519. Fix: generate one with \`openssl genpkey -algorithm ed25519\`.`);
  }
  const publicPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { privateKey, publicPem, keyId: keyIdOf(privateKey), isTestKey };
}

/**
 * The signing key: `CONNECTORS_SIGNING_KEY` (PEM text) when set, as in CI; otherwise the committed
 * TEST-ONLY development key pair, so local signing works offline. Only `registry sign` calls it.
 *
 * @throws SigningKeyError when the key is not an Ed25519 PEM private key, or the process is in keyless mode (a build)
 */
export function loadSigningKey(env: NodeJS.ProcessEnv = process.env): SigningKey {
  assertKeysAllowed("Loading a signing key");
  const fromEnv = env.CONNECTORS_SIGNING_KEY?.trim();
  if (fromEnv) return fromPem(fromEnv, "CONNECTORS_SIGNING_KEY", false);
  const file = join(TEST_KEYS_DIR, "test-signing-key.pem");
  return fromPem(readFileSync(file, "utf8"), file, true);
}
