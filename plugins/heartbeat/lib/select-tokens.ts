/** The event tokens the connector knows. */
export const KNOWN_TOKENS = ["heartbeat", "heartbeat_buffer", "heartbeat_api"] as const;
export type HeartbeatToken = (typeof KNOWN_TOKENS)[number];

/** Splits the `events` choice on `" + "` into the known tokens (unknown ones ignored; empty means `heartbeat`). */
export function selectTokens(events: string | undefined): Set<HeartbeatToken> {
  const choice = events && events.trim() !== "" ? events : "heartbeat";
  return new Set(choice.split(" + ").filter((token): token is HeartbeatToken => (KNOWN_TOKENS as readonly string[]).includes(token)));
}
