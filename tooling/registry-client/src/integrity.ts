import { createHash } from "node:crypto";
import { IntegrityError } from "./errors.ts";

/**
 * The subresource-integrity string of some bytes: `sha256-<base64 digest>`.
 *
 * @example
 * computeIntegrity(Buffer.from("hi")) // "sha256-j0NDRmSPa5bfid2pAcUXaxCm2Dlh3TwayItZstwyeqQ="
 */
export function computeIntegrity(data: Uint8Array): string {
  return `sha256-${createHash("sha256").update(data).digest("base64")}`;
}

/**
 * Checks downloaded bundle bytes against the catalog's `size` and `integrity`; a truncated or altered
 * download is refused before anyone evaluates it.
 *
 * @throws IntegrityError naming the bundle and what differed
 */
export function verifyIntegrity(data: Uint8Array, expected: { integrity: string; size: number }, label: string): void {
  if (data.byteLength !== expected.size) {
    throw new IntegrityError(`${label}: got ${data.byteLength} bytes, the catalog says ${expected.size} (truncated or altered download). Fix: download it again; if it persists the mirror is serving a different file.`);
  }
  const actual = computeIntegrity(data);
  if (actual !== expected.integrity) {
    throw new IntegrityError(`${label}: integrity ${actual} does not match the catalog's ${expected.integrity}; the bundle was altered. Fix: do not install it; re-sync the mirror from the signed registry.`);
  }
}
