import { VirtualClock, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { getNextPageUrl, type ShopifyOrder } from "./lib/shopify-api.ts";

const dir = import.meta.dirname;
const BASE = "https://acme.myshopify.com/admin/api/2022-01/orders.json";
const PAGE1 = `${BASE}?limit=250`;
const pageUrl = (n: number) => `${PAGE1}&page_info=p${n}`;
const link = (next: string) => ({ link: `<${BASE}?limit=250&page_info=prev>; rel="previous", <${next}>; rel="next"` });
const order = (id: number, email: string | null | undefined, extra: Partial<ShopifyOrder> = {}): ShopifyOrder => ({
  id,
  order_number: 1000 + id,
  currency: "EUR",
  current_total_price: `${id}.00`,
  order_status_url: `https://acme.test/s/${id}`,
  financial_status: "paid",
  created_at: "2024-04-01T09:00:00+02:00",
  customer: email === undefined ? null : { id: 500 + id, email, first_name: "X" },
  ...extra,
});

async function connect(clock = new VirtualClock("2024-05-01T10:00:30.000Z")) {
  const connector = await createTestConnector(dir, { module: plugin, clock, config: { shopifyStore: "acme", shopifyAccessToken: "shpat_1" } });
  connector.mocks.on("GET", `${BASE}?limit=1`, { json: { orders: [] } });
  return connector;
}
const events = (connector: { captured: Array<{ event: string; distinct_id: string }> }) => connector.captured.map((e) => `${e.event}:${e.distinct_id}`);

describe("shopify-sync", () => {
  it("imports two pages: customer before order, order id as distinct id without a customer (example A)", async () => {
    const connector = await connect();
    const tokens: string[] = [];
    connector.mocks.on("GET", PAGE1, (r) => (tokens.push(r.headers["x-shopify-access-token"]!), {
      headers: { link: `<${pageUrl(2)}>; rel="next"` },
      json: { orders: [{ id: 11, order_number: 1001, currency: "EUR", current_total_price: "30.00", order_status_url: "https://acme.test/s/11", financial_status: "paid", created_at: "2024-04-01T09:00:00+02:00", customer: { id: 501, email: "ana@example.com", first_name: "Ana" } }] },
    }));
    connector.mocks.on("GET", pageUrl(2), { json: { orders: [{ id: 12, order_number: 1002, currency: "EUR", current_total_price: "12.50", order_status_url: "https://acme.test/s/12", financial_status: "pending", created_at: "2024-04-02T09:00:00+02:00", customer: null }] } });
    await connector.runTask("runEveryMinute");
    expect(tokens).toEqual(["shpat_1"]);
    expect(connector.requests.map((r) => r.url)).toEqual([`${BASE}?limit=1`, PAGE1, pageUrl(2)]);
    const strip = ({ $lib, $lib_version, ...rest }: Record<string, unknown>) => rest;
    expect(connector.captured.map((e) => ({ event: e.event, properties: strip(e.properties) }))).toEqual([
      { event: "Created Shopify Customer", properties: { distinct_id: "ana@example.com", $set: { id: 501, email: "ana@example.com", first_name: "Ana" } } },
      { event: "Created Shopify Order", properties: { distinct_id: "ana@example.com", order_number: 1001, currency: "EUR", transaction_amount: "30.00", order_status_url: "https://acme.test/s/11", financial_status: "paid", created_at: "2024-04-01T09:00:00+02:00" } },
      { event: "Created Shopify Order", properties: { distinct_id: "12", order_number: 1002, currency: "EUR", transaction_amount: "12.50", order_status_url: "https://acme.test/s/12", financial_status: "pending", created_at: "2024-04-02T09:00:00+02:00" } },
    ]);
    expect(connector.captured.every((e) => e.timestamp === "2024-05-01T10:00:30.000Z")).toBe(true);
    const storage = connector.meta.storage;
    expect(await storage.get("shopify-order-11", false)).toBe(true);
    expect(await storage.get("shopify-order-12", false)).toBe(true);
    expect(await storage.get("shopify-customer-ana@example.com", false)).toBe(true);
    expect(await storage.get("shopify-customer-undefined", "absent")).toBe("absent");
    expect(await storage.get("current-url", "absent")).toBeNull();
    expect(JSON.stringify(connector.requests)).not.toContain("shpat_1");
  });

  it("captures only the new order of a known customer next minute (example B), never repeating", async () => {
    const connector = await connect();
    connector.mocks.once("GET", PAGE1, { json: { orders: [order(12, undefined), order(11, "ana@example.com")] } });
    connector.mocks.on("GET", PAGE1, { json: { orders: [order(13, "ana@example.com"), order(12, undefined), order(11, "ana@example.com")] } });
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute");
    expect(events(connector)).toEqual(["Created Shopify Order:12", "Created Shopify Customer:ana@example.com", "Created Shopify Order:ana@example.com", "Created Shopify Order:ana@example.com"]);
    expect(connector.captured.map((e) => e.properties.order_number)).toEqual([1012, undefined, 1011, 1013]);
  });

  it("snoozes on a 429 mid-pass, keeps the cursor and resumes there (example C)", async () => {
    const clock = new VirtualClock("2024-05-01T10:00:30.000Z");
    const connector = await connect(clock);
    connector.mocks.on("GET", PAGE1, { headers: link(pageUrl(2)), json: { orders: [order(1, "a@x.test")] } });
    connector.mocks.once("GET", pageUrl(2), { status: 429, headers: { "retry-after": "2.0" }, json: { errors: "Exceeded 2 calls per second for api client." } });
    connector.mocks.on("GET", pageUrl(2), { json: { orders: [order(2, "b@x.test")] } });
    await connector.runTask("runEveryMinute");
    expect(await connector.meta.storage.get("current-url", null)).toBe(pageUrl(2));
    expect(await connector.meta.cache.get("snoozing", false)).toBe(true);
    await connector.runTask("runEveryMinute"); // still snoozing: no request
    expect(connector.requests.filter((r) => r.url === pageUrl(2))).toHaveLength(1);
    await clock.advance(2_000);
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => r.url).slice(1)).toEqual([PAGE1, pageUrl(2), pageUrl(2)]);
    expect(events(connector)).toEqual(["Created Shopify Customer:a@x.test", "Created Shopify Order:a@x.test", "Created Shopify Customer:b@x.test", "Created Shopify Order:b@x.test"]);
    expect(await connector.meta.storage.get("current-url", "x")).toBeNull();
  });

  it("waits for a Retry-After longer than 2 s", async () => {
    const clock = new VirtualClock("2024-05-01T10:00:30.000Z");
    const connector = await connect(clock);
    connector.mocks.once("GET", PAGE1, { status: 429, headers: { "retry-after": "30" } });
    connector.mocks.on("GET", PAGE1, { json: { orders: [order(1, "a@x.test")] } });
    await connector.runTask("runEveryMinute");
    await clock.advance(29_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toEqual([]);
    await clock.advance(1_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toHaveLength(2);
  });

  it("resumes from the stored cursor after page 2 fails once: every order captured exactly once", async () => {
    const clock = new VirtualClock("2024-05-01T10:00:30.000Z");
    const connector = await connect(clock);
    const all = Array.from({ length: 9 }, (_, i) => order(i + 1, `c${i % 4}@x.test`));
    connector.mocks.on("GET", PAGE1, { headers: link(pageUrl(2)), json: { orders: all.slice(0, 3) } });
    connector.mocks.once("GET", pageUrl(2), { status: 500, body: "boom" });
    connector.mocks.on("GET", pageUrl(2), { headers: link(pageUrl(3)), json: { orders: all.slice(3, 6) } });
    connector.mocks.on("GET", pageUrl(3), { json: { orders: all.slice(6) } });
    connector.startSchedule();
    await clock.advance(60_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("Shopify orders request failed: status=500") }]);
    expect(await connector.meta.storage.get("current-url", null)).toBe(pageUrl(2));
    await clock.advance(60_000); // resumes at page 2, finishes the pass
    expect(connector.requests.map((r) => r.url).slice(1)).toEqual([PAGE1, pageUrl(2), pageUrl(2), pageUrl(3)]);
    await clock.advance(3 * 60_000); // full passes again: nothing new
    const orders = connector.captured.filter((e) => e.event === "Created Shopify Order").map((e) => e.properties.order_number);
    expect(orders).toEqual(all.map((o) => o.order_number));
    expect(connector.captured.filter((e) => e.event === "Created Shopify Customer").map((e) => e.distinct_id)).toEqual(["c0@x.test", "c1@x.test", "c2@x.test", "c3@x.test"]);
    await connector.teardown();
  });

  it("keeps the failing URL when a request throws twice", async () => {
    const connector = await connect();
    connector.mocks.on("GET", PAGE1, { error: "ECONNRESET" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(`GET request to ${PAGE1} failed.`);
    expect(connector.requests.filter((r) => r.url === PAGE1)).toHaveLength(2);
    expect(await connector.meta.storage.get("current-url", null)).toBe(PAGE1);
  });

  it("does not track customers without an email", async () => {
    const connector = await connect();
    connector.mocks.on("GET", PAGE1, { json: { orders: [order(1, null), order(2, ""), { id: 3 }] } });
    await connector.runTask("runEveryMinute");
    expect(events(connector)).toEqual(["Created Shopify Order:1", "Created Shopify Order:2", "Created Shopify Order:3"]);
    expect(await connector.meta.storage.get("shopify-customer-null", "absent")).toBe("absent");
  });

  it("treats a page without orders as empty", async () => {
    const connector = await connect();
    connector.mocks.on("GET", PAGE1, { json: {} });
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toEqual([]);
  });

  it("parses Link headers", () => {
    expect(getNextPageUrl(null)).toBeNull();
    expect(getNextPageUrl(`<${pageUrl(2)}>; rel="next"`)).toBe(pageUrl(2));
    expect(getNextPageUrl(`<${pageUrl(1)}>; rel="previous"`)).toBeNull();
    expect(getNextPageUrl(`<${pageUrl(1)}>; rel="previous", <${pageUrl(3)}>; rel="next"`)).toBe(pageUrl(3));
  });

  it("fails setup with a bad token", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { shopifyStore: "acme", shopifyAccessToken: "bad" } });
    connector.mocks.on("GET", `${BASE}?limit=1`, { status: 401, json: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } });
    await expect(connector.setup()).rejects.toThrow("Unable to connect to Shopify. Please make sure your Access Token is correct.");
  });

  it("rejects a config without store or token", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { shopifyAccessToken: "x" } })).rejects.toThrow(/shopifyStore/);
    await expect(createTestConnector(dir, { module: plugin, config: { shopifyStore: "acme" } })).rejects.toThrow(/shopifyAccessToken/);
  });
});
