import type { SandboxLimit } from "../errors.ts";
import { approximateBytes, cutText } from "../records/approximate-bytes.ts";
import { RingBuffer } from "../records/ring-buffer.ts";

/** A limit that background work hit after its owning call had settled (no caller to throw to). */
export interface LimitHit {
  hook: string;
  limit: SandboxLimit;
}

/** Limit hits one sandbox keeps for reports; older ones are dropped and counted. */
export const MAX_LIMIT_HITS_KEPT = 100;

/** Bytes one kept hit may take (its hook name, e.g. a connector's job name, is cut past that). */
const MAX_LIMIT_HIT_BYTES = 1024;

/**
 * The record of a sandbox's background limit hits: the last {@link MAX_LIMIT_HITS_KEPT}, oldest first,
 * with `dropped` counting the ones before them, so a connector whose background work keeps hitting its
 * CPU limit cannot grow the host's memory.
 */
export function limitHitRecord(maxEntries = MAX_LIMIT_HITS_KEPT): RingBuffer<LimitHit> {
  return new RingBuffer<LimitHit>({
    maxEntries,
    maxBytes: maxEntries * MAX_LIMIT_HIT_BYTES * 4,
    measure: approximateBytes,
    truncate: (hit, maxBytes) => ({ ...hit, hook: cutText(hit.hook, maxBytes - approximateBytes({ limit: hit.limit, hook: "" }), "… [cut]") }),
  });
}
