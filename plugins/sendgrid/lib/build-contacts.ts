import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const STANDARD: Record<string, string> = {
  lastName: "last_name",
  last_name: "last_name",
  lastname: "last_name",
  firstName: "first_name",
  first_name: "first_name",
  firstname: "first_name",
  city: "city",
  country: "country",
  postCode: "postal_code",
  post_code: "postal_code",
  postalCode: "postal_code",
  postal_code: "postal_code",
};

/** A Sendgrid contact for the request body. */
export type Contact = Record<string, unknown> & { email: unknown; custom_fields: Record<string, unknown> };

/** Contacts for the batch's `$identify` events with an email (distinct id if an email, else `$set.email`), in event order. */
export function buildContacts(events: ProcessedPluginEvent[], customFieldIds: Record<string, string>): Contact[] {
  const contacts: Contact[] = [];
  for (const event of events) {
    if (event.event !== "$identify") continue;
    const $set = (event.$set ?? {}) as Record<string, unknown>;
    const email = typeof event.distinct_id === "string" && EMAIL.test(event.distinct_id) ? event.distinct_id : "email" in $set ? $set.email : undefined;
    if (!email) continue;
    const reserved: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    for (const [key, value] of Object.entries($set)) {
      if (Object.hasOwn(STANDARD, key)) reserved[STANDARD[key]!] = value;
      else if (Object.hasOwn(customFieldIds, key)) custom[customFieldIds[key]!] = value;
    }
    contacts.push({ email, ...reserved, custom_fields: custom });
  }
  return contacts;
}
