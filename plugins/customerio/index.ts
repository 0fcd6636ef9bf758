import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { callCustomerio } from "./lib/call-customerio.ts";
import { sendEvent } from "./lib/send-event.ts";
import { updatePersonStatus, type PersonStatus } from "./lib/update-person-status.ts";

type EventsConfig = "Send all events" | "Only send events from users that have been identified" | "Only send events from users with emails";

interface CustomerioConfig {
  customerioSiteId: string;
  customerioToken: string;
  host?: "track.customer.io" | "track-eu.customer.io";
  sendEventsFromAnonymousUsers?: EventsConfig;
  eventsToSend?: string;
}

type Meta = PluginMeta<CustomerioConfig, { authorizationHeader: string; eventNames: string[]; eventsConfig: EventsConfig }>;

/**
 * Prepares auth, the allowlist and the anonymous-user mode, then checks the credentials once (cached in storage).
 *
 * @throws Error on invalid credentials; RetryError when Customer.io cannot be reached
 */
export async function setupPlugin(meta: Meta): Promise<void> {
  const { config, global, storage } = meta;
  global.authorizationHeader = `Basic ${Buffer.from(`${config.customerioSiteId}:${config.customerioToken}`).toString("base64")}`;
  global.eventNames = (config.eventsToSend ?? "").split(",").filter(Boolean);
  global.eventsConfig = config.sendEventsFromAnonymousUsers ?? "Send all events";
  if (await storage.get(global.authorizationHeader, false)) {
    meta.logger.log("Customer.io credentials already verified");
    return;
  }
  await callCustomerio(meta, global.authorizationHeader, "GET", "https://api.customer.io/v1/api/info/ip_addresses");
  await storage.set(global.authorizationHeader, true);
  meta.logger.log("Customer.io credentials verified");
}

function passes(event: ProcessedPluginEvent, person: PersonStatus, eventNames: string[], mode: EventsConfig): boolean {
  if (eventNames.length && !eventNames.includes(event.event)) return false;
  if (event.event === "$create_alias") return false;
  if (mode === "Only send events from users with emails") return person.status.includes("with_email");
  if (mode === "Only send events from users that have been identified") return person.status.includes("identified");
  return true;
}

/**
 * Updates every event's person status, filters, then sends new persons' events first, then known ones'.
 *
 * @throws RetryError for network errors, 408/429/5xx; Error for 401/403 and other statuses
 */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { global } = meta;
  if (!global.eventNames) throw new RetryError("Cannot run exportEvents because setupPlugin failed!");
  if (events.length === 0) {
    meta.logger.log("Received an empty batch of events");
    return;
  }
  meta.logger.log(`Received a batch of ${events.length} event(s)`);
  const people = await Promise.all(events.map((event) => updatePersonStatus(meta, event)));
  const kept = events.map((event, i) => ({ event, person: people[i]! })).filter(({ event, person }) => passes(event, person, global.eventNames, global.eventsConfig));
  if (kept.length === 0) {
    meta.logger.log("None passed filtering");
    return;
  }
  const base = `https://${meta.config.host ?? "track.customer.io"}`;
  for (const wave of [kept.filter((k) => !k.person.existsAlready), kept.filter((k) => k.person.existsAlready)]) {
    await Promise.all(wave.map(({ event, person }) => sendEvent(meta, base, global.authorizationHeader, event, person)));
  }
  meta.logger.log(`Sent ${kept.length} event(s) to Customer.io.`);
}
