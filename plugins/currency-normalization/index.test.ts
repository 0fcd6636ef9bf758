import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, describe, expect, it, vi } from "vitest";
import rates from "./fixtures/rates.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const URL_KEY1 = "https://openexchangerates.org/api/latest.json?app_id=KEY1";
const config = { openExchangeRatesApiKey: "KEY1", normalizedCurrency: "EUR" };

async function connect(overrides: Record<string, unknown> = {}, response: object = { json: rates }) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides } });
  const seen: string[] = [];
  connector.mocks.on("GET", "https://openexchangerates.org/api/latest.json*", (request) => (seen.push(request.url), response));
  return { connector, seen };
}

const purchase = (properties: Record<string, unknown>): PluginEvent => createEvent({ event: "purchase", properties });

afterEach(() => vi.useRealTimers());

describe("currency-normalization", () => {
  it("converts USD to EUR with one rate request, none for the next event (example 1)", async () => {
    const { connector, seen } = await connect();
    const out = await connector.processEvent(purchase({ amount: 100, currency: "USD" }));
    expect(out?.properties).toEqual({ amount: 100, currency: "USD", normalized_amount: 84.0622, normalized_currency: "EUR" });
    expect(seen).toEqual([URL_KEY1]);
    await connector.processEvent(purchase({ amount: 1, currency: "USD" }));
    expect(seen).toHaveLength(1);
    expect(connector.requests[0]!.url).not.toContain("KEY1");
    expect(await connector.meta.cache.get("currency_rates", null)).toEqual(rates.rates);
  });

  it.each([
    [{ amount: 10, currency: "GBP" }, 11.2201],
    [{ amount: "1000", currency: "JPY" }, 8.0631],
  ])("converts %j (example 2)", async (properties, normalized) => {
    const { connector } = await connect();
    expect((await connector.processEvent(purchase(properties)))?.properties?.normalized_amount).toBe(normalized);
  });

  it("converts between two non-USD currencies (example 3)", async () => {
    const { connector } = await connect({ normalizedCurrency: "GBP" });
    const out = await connector.processEvent(purchase({ amount: 19.99, currency: "EUR" }));
    expect(out?.properties).toMatchObject({ normalized_amount: 17.8162, normalized_currency: "GBP" });
  });

  it("uses custom property names (example 4)", async () => {
    const { connector } = await connect({ amountProperty: "price", currencyProperty: "cur", normalizedAmountProperty: "price_eur", normalizedCurrencyProperty: "cur_eur" });
    const out = await connector.processEvent(purchase({ price: 50, cur: "USD" }));
    expect(out?.properties).toEqual({ price: 50, cur: "USD", price_eur: 42.0311, cur_eur: "EUR" });
  });

  it("leaves events without amount or currency alone, without a request (example 5)", async () => {
    const { connector, seen } = await connect();
    await connector.setup();
    expect(seen).toHaveLength(1);
    for (const properties of [{ amount: 5 }, { currency: "USD" }, { $current_url: "https://example.com" }]) {
      expect((await connector.processEvent(purchase(properties)))?.properties).toEqual(properties);
    }
    const bare = createEvent({ event: "$identify" });
    delete bare.properties;
    expect(await connector.processEvent(structuredClone(bare))).toEqual(bare);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ["an unknown currency", { amount: 5, currency: "XYZ" }],
    ["a lower-case code", { amount: 5, currency: "pln" }],
    ["a non-numeric amount (fixed: the original wrote NaN)", { amount: "abc", currency: "USD" }],
  ])("leaves an event with %s unchanged", async (_what, properties) => {
    const { connector } = await connect();
    expect((await connector.processEvent(purchase(properties)))?.properties).toEqual(properties);
  });

  it("does not request rates at setup when the cache is fresh", async () => {
    const { connector, seen } = await connect();
    await connector.meta.cache.set("currency_rates", { USD: 1, EUR: 0.5 });
    await connector.meta.cache.set("currency_rates_fetched_at", Date.now());
    const out = await connector.processEvent(purchase({ amount: 10, currency: "USD" }));
    expect(out?.properties?.normalized_amount).toBe(5);
    expect(seen).toEqual([]);
  });

  it("refreshes rates older than 24 hours", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-01-01T00:00:00.000Z"));
    const { connector, seen } = await connect();
    await connector.processEvent(purchase({ amount: 1, currency: "USD" }));
    vi.setSystemTime(new Date("2024-01-01T23:59:59.000Z"));
    await connector.processEvent(purchase({ amount: 1, currency: "USD" }));
    expect(seen).toHaveLength(1);
    vi.setSystemTime(new Date("2024-01-02T00:00:01.000Z"));
    await connector.processEvent(purchase({ amount: 1, currency: "USD" }));
    expect(seen).toHaveLength(2);
    expect(await connector.meta.cache.get("currency_rates_fetched_at", null)).toBe(Date.parse("2024-01-02T00:00:01.000Z"));
  });

  it.each([
    ["a network error", { error: "ECONNRESET" }],
    ["JSON without rates", { json: { error: true, message: "invalid_app_id" } }],
    ["a body that is not JSON", { body: "<html>down</html>" }],
  ])("fails setup and events on %s with the original's message", async (_what, response) => {
    const { connector } = await connect({}, response);
    await expect(connector.setup()).rejects.toThrow("Error fetching currency rates!");
  });

  it("fails the event when a refresh fails after setup", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-01-01T00:00:00.000Z"));
    const answer: { json?: unknown; error?: string } = { json: rates };
    const { connector } = await connect({}, answer);
    await connector.setup();
    delete answer.json;
    answer.error = "ECONNRESET";
    vi.setSystemTime(new Date("2024-01-03T00:00:00.000Z"));
    await expect(connector.processEvent(purchase({ amount: 1, currency: "USD" }))).rejects.toThrow("Error fetching currency rates!");
  });

  it("rejects a config without key or currency, and setup refuses a missing key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { normalizedCurrency: "EUR" } })).rejects.toThrow(/openExchangeRatesApiKey/);
    await expect(createTestConnector(dir, { module: plugin, config: { openExchangeRatesApiKey: "KEY1" } })).rejects.toThrow(/normalizedCurrency/);
    await expect(plugin.setupPlugin({ config: { ...config, openExchangeRatesApiKey: "" } } as never)).rejects.toThrow("No API key found!");
  });
});
