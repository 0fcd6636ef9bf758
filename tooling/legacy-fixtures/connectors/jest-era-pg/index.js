const { Client } = require('pg')
const { toRow, now } = require('./lib/format')

async function setupPlugin({ config, global, logger }) {
    global.client = new Client({ connectionString: config.databaseUrl })
    await global.client.connect()
    logger.info(`connected at ${now()}`)
}

async function exportEvents(events, { config, global, cache, logger }) {
    const rows = events.map(toRow)
    const placeholders = rows.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ')
    await global.client.query(`INSERT INTO ${config.tableName} (uuid, event, distinct_id, properties, timestamp) VALUES ${placeholders}`, rows.flat())
    const batches = await cache.incr('batches_exported')
    logger.info(`exported batch ${batches} (${rows.length} events)`)
}

async function teardownPlugin({ global }) {
    await global.client.end()
}

module.exports = { setupPlugin, exportEvents, teardownPlugin }
