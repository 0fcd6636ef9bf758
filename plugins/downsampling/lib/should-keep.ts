import { hashDistinctId } from "./hash-distinct-id.ts";

/** Sampling settings computed by setupPlugin. */
export interface Sampling {
  percentage: number;
  randomSampling: boolean;
}

/**
 * Random sampling keeps iff `random() * 100 < percentage` (0 % keeps nothing, 100 % everything);
 * distinct-ID aware sampling keeps iff the distinct ID's hash is `<= percentage / 100`.
 */
export function shouldKeep(distinctId: unknown, { percentage, randomSampling }: Sampling, random: () => number = Math.random): boolean {
  if (randomSampling) return random() * 100 < percentage;
  return hashDistinctId(distinctId) <= percentage / 100;
}
