/* global module */
async function setupPlugin(meta) {
    const { global, config } = meta
    console.log('Setting up the plugin!', config)
    global.setupDone = true
}

async function processEvent(event, meta) {
    const { config, cache } = meta
    const counterValue = (await cache.get('greeting_counter', 0))
    cache.set('greeting_counter', counterValue + 1)
    if (!event.properties) event.properties = {}
    event.properties['greeting'] = config.bar
    event.properties['greeting_counter'] = counterValue
    event.properties['random_number'] = 4 // chosen by fair dice roll, guaranteed to be random
    return event
}

module.exports = {
    setupPlugin,
    processEvent,
}
