import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { callCustomerio } from "./call-customerio.ts";
import type { PersonStatus } from "./update-person-status.ts";

/** The customer upsert body: `$set`, then `_update` and `identifier`, plus `email` when one was found. */
export function buildCustomer(event: ProcessedPluginEvent, person: PersonStatus): Record<string, unknown> {
  const $set = event.$set && typeof event.$set === "object" ? event.$set : {};
  const customer: Record<string, unknown> = { ...$set, _update: person.existsAlready, identifier: event.distinct_id };
  if (person.email) customer.email = person.email;
  return customer;
}

/** The track body: name, type (page / screen / event), timestamp in float seconds, data = properties without `$set`/`$set_once`. */
export function buildEvent(event: ProcessedPluginEvent, now: number): Record<string, unknown> {
  const data = { ...(event.properties ?? {}) };
  delete data.$set;
  delete data.$set_once;
  const parsed = event.timestamp ? Date.parse(event.timestamp) : Number.NaN;
  const type = event.event === "$pageview" ? "page" : event.event === "$screen" ? "screen" : "event";
  return { name: event.event, type, timestamp: (Number.isNaN(parsed) ? now : parsed) / 1000, data };
}

/** Upserts the customer, then tracks the event (sequentially). @throws like callCustomerio */
export async function sendEvent(meta: PluginMeta, base: string, authorization: string, event: ProcessedPluginEvent, person: PersonStatus): Promise<void> {
  const customerUrl = `${base}/api/v1/customers/${encodeURIComponent(event.distinct_id)}`;
  await callCustomerio(meta, authorization, "PUT", customerUrl, buildCustomer(event, person));
  await callCustomerio(meta, authorization, "POST", `${customerUrl}/events`, buildEvent(event, Date.now()));
}
