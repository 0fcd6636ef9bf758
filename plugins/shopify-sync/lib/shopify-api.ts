import type { PluginFetch } from "@posthog/plugin-scaffold";

/** The fields of a Shopify order the connector reads. */
export interface ShopifyOrder {
  id: number;
  order_number?: number;
  currency?: string;
  current_total_price?: string;
  order_status_url?: string;
  financial_status?: string;
  created_at?: string;
  customer?: ({ email?: string | null } & Record<string, unknown>) | null;
}

/** `https://<store>.myshopify.com/admin/api/2022-01`. */
export function shopifyBase(store: string): string {
  return `https://${store.trim()}.myshopify.com/admin/api/2022-01`;
}

/** A GET retried once when it throws; a second throw fails with `GET request to <url> failed.` */
export async function getWithRetry(fetch: PluginFetch, url: string, token: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { method: "GET", headers: { "X-Shopify-Access-Token": token }, signal: AbortSignal.timeout(20_000) });
    } catch {
      if (attempt >= 1) throw new Error(`GET request to ${url} failed.`);
    }
  }
}

/** The `rel="next"` URL of a `Link` header, or null. */
export function getNextPageUrl(link: string | null): string | null {
  for (const part of (link ?? "").split(",")) {
    const [target, rel] = part.split(";");
    if (rel?.trim() === 'rel="next"') {
      const match = /<([^>]*)>/.exec(target ?? "");
      if (match) return match[1]!;
    }
  }
  return null;
}

/** One orders page: its orders and the next page, or the seconds Shopify asked to wait. Other failures throw. */
export async function fetchOrdersPage(fetch: PluginFetch, url: string, token: string): Promise<{ orders: ShopifyOrder[]; next: string | null } | { retryAfterSeconds: number }> {
  const response = await getWithRetry(fetch, url, token);
  if (response.status === 429) {
    const retryAfter = Number.parseFloat(response.headers.get("retry-after") ?? "");
    return { retryAfterSeconds: Math.max(2, Number.isFinite(retryAfter) ? Math.ceil(retryAfter) : 2) };
  }
  if (!response.ok) throw new Error(`Shopify orders request failed: status=${response.status}`);
  const body = (await response.json()) as { orders?: ShopifyOrder[] };
  return { orders: Array.isArray(body.orders) ? body.orders : [], next: getNextPageUrl(response.headers.get("link")) };
}
