exports.setupPlugin = async function setupPlugin(meta) {
    const apiKey = meta.config['openExchangeRatesApiKey'] || null
    if (apiKey) {
        await fetchRatesIfNeeded(meta)
    } else {
        throw new Error('No API key found!')
    }
}

exports.processEvent = async function processEvent(event, meta) {
    const { normalizedCurrency, amountProperty, currencyProperty } = meta.config
    if (normalizedCurrency && event.properties && typeof event.properties[amountProperty] !== 'undefined' && typeof event.properties[currencyProperty] !== 'undefined') {
        await fetchRatesIfNeeded(meta)
        const rates = await meta.cache.get('currency_rates')
        if (rates) {
            const amount = event.properties[amountProperty]
            const currency = event.properties[currencyProperty]
            if (rates[currency] && rates[normalizedCurrency]) {
                const normalizedAmount = roundToDigits((amount * rates[normalizedCurrency]) / rates[currency], 4)
                event.properties[`normalized_${amountProperty}`] = normalizedAmount
                event.properties[`normalized_${currencyProperty}`] = normalizedCurrency
            }
        }
    }
    return event
}

async function fetchRatesIfNeeded(meta) {
    const { config, cache } = meta
    const currencyRatesFetchedAt = await cache.get('currency_rates_fetched_at', null)
    if (!currencyRatesFetchedAt || currencyRatesFetchedAt < new Date().getTime() - 86400 * 1000) {
        const rates = await fetchRates(config['openExchangeRatesApiKey'])
        cache.set('currency_rates', rates)
        cache.set('currency_rates_fetched_at', new Date().getTime())
    }
}

async function fetchRates(apiKey) {
    const url = `https://openexchangerates.org/api/latest.json?app_id=${apiKey}`
    const response = await fetch(url)
    const json = await response.json()
    return (json && json['rates']) || {}
}

function roundToDigits(number, digits) {
    return Math.round(number * Math.pow(10, digits)) / Math.pow(10, digits)
}
