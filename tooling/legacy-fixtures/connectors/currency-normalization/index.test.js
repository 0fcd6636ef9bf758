const { createEvent, createIdentify, createPageview, createCache, getMeta, resetMeta } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin, processEvent } = require('./index')
const rates = require('./rates.json')

global.fetch = jest.fn(async () => ({
    json: async () => rates,
}))

beforeEach(() => {
    fetch.mockClear()
    resetMeta({
        config: {
            openExchangeRatesApiKey: 'API_KEY',
            normalizedCurrency: 'EUR',
            amountProperty: 'amount',
            currencyProperty: 'currency',
        },
    })
})

test('setupPlugin', async () => {
    expect(fetch).toHaveBeenCalledTimes(0)
    await setupPlugin(getMeta())
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenCalledWith('https://openexchangerates.org/api/latest.json?app_id=API_KEY')

    // cache hit: no second fetch
    await setupPlugin(getMeta())
    expect(fetch).toHaveBeenCalledTimes(1)

    // clear the cache and fetch again
    getMeta().cache = createCache()
    await setupPlugin(getMeta())
    expect(fetch).toHaveBeenCalledTimes(2)

    resetMeta({ config: { openExchangeRatesApiKey: '' } })
    await expect(setupPlugin(getMeta())).rejects.toThrow('No API key found!')
})

test('changes nothing for $pageview events', async () => {
    const pageviewEvent = createPageview()
    const processedPageviewEvent = await processEvent(pageviewEvent, getMeta())
    expect(processedPageviewEvent).toEqual(pageviewEvent)
    expect(fetch).toHaveBeenCalledTimes(0)
})

test('changes nothing for $identify events', async () => {
    const identifyEvent = createIdentify()
    expect(await processEvent(identifyEvent, getMeta())).toEqual(identifyEvent)
})

test('normalizes currency on events', async () => {
    const currencyEvent = createEvent({ event: 'booking completed', properties: { amount: '20', currency: 'PLN' } })
    const processedCurrencyEvent = await processEvent(currencyEvent, getMeta())
    expect(processedCurrencyEvent).toEqual({
        ...currencyEvent,
        properties: { ...currencyEvent.properties, normalized_amount: 4.4695, normalized_currency: 'EUR' },
    })
})

test('bails if does not know the currency', async () => {
    const currencyEvent = createEvent({ event: 'booking completed', properties: { amount: '20', currency: 'ABC' } })
    expect(await processEvent(currencyEvent, getMeta())).toEqual(currencyEvent)
})
