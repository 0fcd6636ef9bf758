const { createBuffer } = require('@posthog/plugin-contrib')

function setupPlugin({ config, global }) {
    global.buffer = createBuffer({
        limit: 1024 * 1024,
        timeoutSeconds: 60,
        onFlush: async (batch) => {
            const response = await fetch(config.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ batch }) })
            console.log(`sent ${batch.length} events: ${response.status}`)
        },
    })
}

function onEvent(event, { global }) {
    global.buffer.add({ event: event.event, distinct_id: event.distinct_id }, JSON.stringify(event).length)
}

module.exports = { setupPlugin, onEvent }
