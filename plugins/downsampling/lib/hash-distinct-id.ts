import { createHash } from "node:crypto";

const MAX = 0xfffffffffffffff; // 16^15 - 1

/**
 * Where a distinct ID falls in [0, 1]: the first 15 hex digits of its SHA-256, as a double, divided by
 * 16^15 - 1 (bit-identical to the original). A missing distinct ID counts as "".
 */
export function hashDistinctId(distinctId: unknown): number {
  const text = distinctId === undefined || distinctId === null ? "" : String(distinctId);
  const hex = createHash("sha256").update(text, "utf8").digest("hex");
  return Number.parseInt(hex.slice(0, 15), 16) / MAX;
}
