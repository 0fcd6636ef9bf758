import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { findEmail, splitList } from "./lib/find-email.ts";
import { createZendeskClient, fetchTicketPage, fetchUser, zendeskRequest, type ZendeskClient } from "./lib/zendesk-client.ts";

type Config = { hostName: string; userEmail: string; zendeskApiKey: string; triggeringEvents: string; ignoredEmails?: string };
type Global = { client: ZendeskClient; triggeringEvents: string[]; emailDomainsToIgnore: string[] };
type Meta = PluginMeta<Config, Global>;

const TICKET_FIELDS = ["created_at", "updated_at", "type", "description", "priority", "status", "recipient", "requester_id", "submitter_id", "assignee_id", "organization_id", "group_id", "is_public", "due_at", "ticket_form_id", "brand_id"];

/** Builds the Zendesk client and checks the account answers. */
export async function setupPlugin({ config, global, fetch, logger }: Meta): Promise<void> {
  global.client = createZendeskClient(fetch, config.hostName, config.userEmail, config.zendeskApiKey);
  global.triggeringEvents = splitList(config.triggeringEvents);
  global.emailDomainsToIgnore = splitList(config.ignoredEmails).map((domain) => domain.toLowerCase());
  const response = await zendeskRequest(global.client, global.client.ticketsUrl);
  if (!response.ok) throw new Error(`Unable to access ZenDesk API's for ${config.hostName}`);
  logger.info(`Initial setup with ZenDesk for ${config.hostName} successful`);
}

/** Imports every ticket not imported yet as `zendesk_ticket`, page by page until an empty page. */
export async function runEveryMinute({ global, storage, posthog }: Meta): Promise<void> {
  const users = new Map<number, { id: number; email?: string | null }>();
  for (let page = 1; ; page++) {
    const tickets = await fetchTicketPage(global.client, page);
    if (tickets.length === 0) return;
    for (const ticket of tickets) {
      if (await storage.get(String(ticket.id), false)) continue;
      let user = users.get(ticket.requester_id);
      if (!user) {
        user = await fetchUser(global.client, ticket.requester_id);
        users.set(ticket.requester_id, user);
        if (user.email) await storage.set(user.email, user.id);
      }
      const properties: Record<string, unknown> = { distinct_id: user.email || String(ticket.requester_id), $set: { zendeskId: ticket.requester_id }, ticketId: ticket.id, subject: ticket.raw_subject };
      for (const field of TICKET_FIELDS) properties[field] = ticket[field];
      await posthog.capture("zendesk_ticket", properties);
      await storage.set(String(ticket.id), true);
    }
  }
}

/** For a triggering event of a user with an email (not in an ignored domain), queues the profile update. */
export async function onEvent(event: ProcessedPluginEvent, { global, jobs }: Meta): Promise<void> {
  if (!global.triggeringEvents.includes(event.event)) return;
  const email = findEmail(event);
  if (!email) return;
  const domain = email.split("@")[1]!.toLowerCase();
  if (global.emailDomainsToIgnore.includes(domain)) return;
  await jobs.pushUserDataToZendesk!({ email, event }).runNow();
}

/** Jobs: `pushUserDataToZendesk` writes the event time into the user field named after the event. */
export const jobs = {
  async pushUserDataToZendesk(payload: { email: string; event: ProcessedPluginEvent & { sent_at?: string } }, { global, storage }: Meta): Promise<void> {
    const userId = await storage.get(payload.email, null);
    if (userId === null || userId === undefined) return;
    const time = payload.event.sent_at ?? payload.event.timestamp;
    const response = await zendeskRequest(global.client, `${global.client.base}api/v2/users/${userId}`, {
      method: "PUT",
      body: { user: { user_fields: { [payload.event.event]: String(time) } } },
    });
    if (!response.ok) throw new Error(`Zendesk user update failed: status=${response.status}`);
  },
};
