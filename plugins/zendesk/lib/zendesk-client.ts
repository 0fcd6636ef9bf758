import { RetryError, type PluginFetch } from "@posthog/plugin-scaffold";

/** A Zendesk ticket as the tickets list returns it (the fields the connector copies). */
export type ZendeskTicket = { id: number; requester_id: number; raw_subject?: string } & Record<string, unknown>;

/** Where and how to call one Zendesk account. */
export interface ZendeskClient {
  base: string;
  ticketsUrl: string;
  headers: Record<string, string>;
  fetch: PluginFetch;
}

/** Builds the client: `https://<hostName>.zendesk.com/`, Basic `<email>/token:<token>`. */
export function createZendeskClient(fetch: PluginFetch, hostName: string, email: string, token: string): ZendeskClient {
  const base = `https://${hostName.trim()}.zendesk.com/`;
  return {
    base,
    ticketsUrl: `${base}api/v2/tickets.json?sort_order=desc&sort_by=id`,
    headers: { Authorization: `Basic ${btoa(`${email}/token:${token}`)}`, "Content-Type": "application/json" },
    fetch,
  };
}

/** One request with its own headers (and body for PUT only); a network error becomes a RetryError. */
export async function zendeskRequest(client: ZendeskClient, url: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  try {
    return await client.fetch(url, {
      method: init.method ?? "GET",
      headers: { ...client.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new RetryError(error instanceof Error ? error.message : String(error));
  }
}

/** A page of tickets (newest first). Throws `Zendesk tickets request failed: status=<status>` otherwise. */
export async function fetchTicketPage(client: ZendeskClient, page: number): Promise<ZendeskTicket[]> {
  const response = await zendeskRequest(client, `${client.ticketsUrl}&page=${page}`);
  if (!response.ok) {
    const retryAfter = response.headers.get("retry-after");
    throw new Error(`Zendesk tickets request failed: status=${response.status}${retryAfter ? ` retry-after=${retryAfter}` : ""}`);
  }
  const body = (await response.json()) as { tickets?: ZendeskTicket[] };
  return Array.isArray(body.tickets) ? body.tickets : [];
}

/** The requester's user record. */
export async function fetchUser(client: ZendeskClient, id: number): Promise<{ id: number; email?: string | null }> {
  const response = await zendeskRequest(client, `${client.base}api/v2/users/${id}`);
  if (!response.ok) throw new Error(`Zendesk user request failed: status=${response.status}`);
  return ((await response.json()) as { user: { id: number; email?: string | null } }).user;
}
