/** The connector's config as plugin.json declares it. */
export interface TwilioConfig {
  accountSID: string;
  authToken: string;
  triggeringEventsAndNumber: string;
  senderPhoneNumber: string;
  timeout: string;
}

/** What setup derives from the config. */
export interface TwilioSettings {
  messagesUrl: string;
  authorization: string;
  timeoutSeconds: number;
  /** event name -> recipient number (undefined for an item without `:`). */
  numbers: Record<string, string | undefined>;
}

const MAX_TIMEOUT_SECONDS = 31_536_000;
const PLACEHOLDER = /^\{.*\}$/;

/** `event:number,event:number` as a map (items and parts trimmed; later duplicates win). */
export function parseEventNumbers(raw: string): Record<string, string | undefined> {
  const map: Record<string, string | undefined> = {};
  for (const item of raw.split(",").map((part) => part.trim())) {
    const [event, number] = item.split(":").map((part) => part.trim());
    map[event!] = number;
  }
  return map;
}

/**
 * Checks the config and derives the Messages URL, Basic auth header, throttle window and event map.
 *
 * @throws Error('timeout is not supported') unless 0 < timeout <= 365 days; Error naming a placeholder value left in place
 */
export function readSettings(config: TwilioConfig): TwilioSettings {
  for (const key of ["accountSID", "authToken", "triggeringEventsAndNumber", "senderPhoneNumber"] as const) {
    if (PLACEHOLDER.test(String(config[key] ?? "").trim())) throw new Error(`${key} still holds the placeholder ${key === "authToken" ? "value" : JSON.stringify(config[key])}: set it to your Twilio value`);
  }
  const timeoutSeconds = Number(String(config.timeout ?? "").trim() || Number.NaN);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) throw new Error("timeout is not supported");
  return {
    messagesUrl: `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(config.accountSID)}/Messages.json`,
    authorization: `Basic ${Buffer.from(`${config.accountSID}:${config.authToken}`).toString("base64")}`,
    timeoutSeconds,
    numbers: parseEventNumbers(config.triggeringEventsAndNumber),
  };
}
