import { extractEventsToTrack } from "./extract-events-to-track.ts";

/** Which events start a sequence, and for each second event the first events it is paired with. */
export interface Tracking {
  firstStepEvents: Set<string>;
  eventsToTrack: Map<string, Set<string>>;
}

/**
 * Builds the lookup tables from the `eventsToTrack` config.
 *
 * @throws Error "Unable to parse your config. …" when the text is not `(a,b),(c,d)`
 */
export function buildTracking(config: unknown): Tracking {
  let pairs: Array<[string, string]>;
  try {
    pairs = extractEventsToTrack(typeof config === "string" ? config : "");
  } catch {
    throw new Error("Unable to parse your config. Please make sure you are using the commas and parentheses correctly.");
  }
  const tracking: Tracking = { firstStepEvents: new Set(), eventsToTrack: new Map() };
  for (const [first, second] of pairs) {
    tracking.firstStepEvents.add(first);
    const firsts = tracking.eventsToTrack.get(second) ?? new Set<string>();
    firsts.add(first);
    tracking.eventsToTrack.set(second, firsts);
  }
  return tracking;
}
