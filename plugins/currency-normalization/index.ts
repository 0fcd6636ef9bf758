import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { convertAmount } from "./lib/convert-amount.ts";
import { RATES_KEY, fetchRatesIfNeeded } from "./lib/fetch-rates-if-needed.ts";

type Config = {
  openExchangeRatesApiKey: string;
  normalizedCurrency: string;
  amountProperty: string;
  currencyProperty: string;
  normalizedAmountProperty: string;
  normalizedCurrencyProperty: string;
};
type Meta = PluginMeta<Config>;

/** Refuses to start without an API key; warms the rate cache. */
export async function setupPlugin(meta: Meta): Promise<void> {
  if (!meta.config.openExchangeRatesApiKey) throw new Error("No API key found!");
  await fetchRatesIfNeeded(meta.config.openExchangeRatesApiKey, meta);
}

/** Adds the amount converted into `normalizedCurrency` (and that currency) to events that carry an amount and a currency. */
export async function processEvent(event: PluginEvent, meta: Meta): Promise<PluginEvent> {
  const { config, cache } = meta;
  const properties = event.properties;
  if (!config.openExchangeRatesApiKey || !config.normalizedCurrency || !properties) return event;
  const amount = properties[config.amountProperty];
  const currency = properties[config.currencyProperty];
  if (amount === undefined || currency === undefined) return event;
  await fetchRatesIfNeeded(config.openExchangeRatesApiKey, meta);
  const rates = await cache.get(RATES_KEY, null);
  if (!rates) return event;
  const normalized = convertAmount(amount, currency, config.normalizedCurrency, rates);
  if (normalized === undefined) return event;
  properties[config.normalizedAmountProperty] = normalized;
  properties[config.normalizedCurrencyProperty] = config.normalizedCurrency;
  return event;
}
