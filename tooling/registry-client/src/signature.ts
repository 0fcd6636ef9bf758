import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { SignatureError } from "./errors.ts";

/** A public key as PEM text or a node:crypto KeyObject. */
export type PublicKeyInput = string | KeyObject;

function toPublicKey(key: PublicKeyInput): KeyObject {
  let object: KeyObject;
  try {
    object = typeof key === "string" || key.type === "private" ? createPublicKey(key) : key;
  } catch (error) {
    throw new SignatureError(`The pinned key is not a PEM public key (${(error as Error).message}). Fix: pin the registry's published registry.pub.pem.`, { cause: error });
  }
  if (object.asymmetricKeyType !== "ed25519") {
    throw new SignatureError(`The pinned key is ${object.asymmetricKeyType ?? "not asymmetric"}, expected ed25519. Fix: pin the registry's published Ed25519 public key (registry.pub.pem).`);
  }
  return object;
}

/**
 * The short id of an Ed25519 key: `ed25519:` + the first 16 hex digits of sha256 over its SPKI DER.
 * Accepts a public or a private key (the id is that of its public half).
 *
 * @example
 * keyIdOf(readFileSync("registry/keys/test-signing-key.pub.pem", "utf8")) // "ed25519:3f0c..."
 */
export function keyIdOf(key: PublicKeyInput): string {
  const der = toPublicKey(key).export({ type: "spki", format: "der" });
  return `ed25519:${createHash("sha256").update(der).digest("hex").slice(0, 16)}`;
}

/**
 * Signs bytes with an Ed25519 private key and returns the detached signature file's text
 * (base64 of the 64-byte signature, newline-terminated).
 */
export function signDetached(data: Uint8Array, privateKey: KeyObject): string {
  return `${sign(null, data, privateKey).toString("base64")}\n`;
}

/**
 * Checks a detached Ed25519 signature (the text of registry.json.sig) over the exact bytes of
 * registry.json against a pinned public key.
 *
 * @throws SignatureError when the signature is missing, malformed, or does not match
 * @example
 * verifyDetached(await readFile("registry.json"), await readFile("registry.json.sig", "utf8"), pinnedPem);
 */
export function verifyDetached(data: Uint8Array, signatureText: string | undefined, publicKey: PublicKeyInput): void {
  const text = signatureText?.trim() ?? "";
  if (!text) throw new SignatureError("registry.json.sig is missing or empty. Fix: publish the signature next to registry.json (`pnpm registry build` writes both).");
  const signature = Buffer.from(text, "base64");
  if (signature.length !== 64 || signature.toString("base64") !== text) {
    throw new SignatureError(`registry.json.sig is not a base64 Ed25519 signature (decoded ${signature.length} bytes, expected 64). Fix: republish registry.json.sig from the same build.`);
  }
  if (!verify(null, data, toPublicKey(publicKey), signature)) {
    throw new SignatureError(`registry.json does not match its signature under the pinned key ${keyIdOf(publicKey)}: it was altered, truncated, or signed by another key. Fix: fetch both files from the same build, or pin the key that signed it.`);
  }
}
