import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { ShopifyOrder } from "./shopify-api.ts";

/**
 * Captures `Created Shopify Customer` (first time an email is seen) and `Created Shopify Order` (first
 * time an order is seen), marking each as seen in storage only after its capture.
 */
export async function captureOrder(order: ShopifyOrder, { storage, posthog }: Pick<PluginMeta, "storage" | "posthog">): Promise<void> {
  const email = typeof order.customer?.email === "string" && order.customer.email !== "" ? order.customer.email : undefined;
  if (email && !(await storage.get(`shopify-customer-${email}`, false))) {
    await posthog.capture("Created Shopify Customer", { distinct_id: email, $set: { ...order.customer } });
    await storage.set(`shopify-customer-${email}`, true);
  }
  if (!(await storage.get(`shopify-order-${order.id}`, false))) {
    await posthog.capture("Created Shopify Order", {
      distinct_id: email || order.id,
      order_number: order.order_number,
      currency: order.currency,
      transaction_amount: order.current_total_price,
      order_status_url: order.order_status_url,
      financial_status: order.financial_status,
      created_at: order.created_at,
    });
    await storage.set(`shopify-order-${order.id}`, true);
  }
}
