import type { PluginMeta } from "@posthog/plugin-scaffold";
import { captureOrder } from "./lib/capture-order.ts";
import { fetchOrdersPage, getWithRetry, shopifyBase } from "./lib/shopify-api.ts";

type Meta = PluginMeta<{ shopifyStore: string; shopifyAccessToken: string }, { defaultHeaders: { headers: Record<string, string> } }>;

const CURSOR = "current-url";

/** Checks the store and token with a one-order request. */
export async function setupPlugin({ config, global, fetch }: Meta): Promise<void> {
  if (!config.shopifyStore) throw new Error("Please set the 'shopifyStore' config value");
  if (!config.shopifyAccessToken) throw new Error("Please set the 'shopifyAccessToken' config value");
  global.defaultHeaders = { headers: { "X-Shopify-Access-Token": config.shopifyAccessToken } };
  const response = await getWithRetry(fetch, `${shopifyBase(config.shopifyStore)}/orders.json?limit=1`, config.shopifyAccessToken);
  if (!response.ok) throw new Error("Unable to connect to Shopify. Please make sure your Access Token is correct.");
}

/**
 * One pass over the open orders, page by page from the stored `current-url` (so a failed page is read
 * again next run); new customers and orders are captured once. A 429 snoozes and keeps the cursor.
 */
export async function runEveryMinute(meta: Meta): Promise<void> {
  const { config, storage, cache, fetch, logger } = meta;
  let url: string | null = ((await storage.get(CURSOR, null)) as string | null) ?? `${shopifyBase(config.shopifyStore)}/orders.json?limit=250`;
  await storage.set(CURSOR, url);
  while (url) {
    if (await cache.get("snoozing", false)) return;
    const page = await fetchOrdersPage(fetch, url, config.shopifyAccessToken);
    if ("retryAfterSeconds" in page) {
      logger.warn(`Shopify rate limit reached; pausing for ${page.retryAfterSeconds} s`);
      return cache.set("snoozing", true, page.retryAfterSeconds);
    }
    for (const order of page.orders) await captureOrder(order, meta);
    url = page.next;
    await storage.set(CURSOR, url);
  }
}
