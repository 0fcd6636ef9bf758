import { createHash } from "node:crypto";

/**
 * The original's deterministic UUID: SHA-1 of the key text (UTF-8), version nibble 5, RFC 4122
 * variant, first 16 bytes as 8-4-4-4-12 lower-case hex. Not RFC UUIDv5 (the namespace is only
 * text in the key); kept so UUIDs match events already ingested.
 */
export function hashToUuid(key: string): string {
  const bytes = createHash("sha1").update(key, "utf8").digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
