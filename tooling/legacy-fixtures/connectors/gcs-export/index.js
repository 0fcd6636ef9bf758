const { Storage } = require('@google-cloud/storage')

async function setupPlugin({ attachments, config, global }) {
    if (!attachments.googleCloudKeyJson) throw new Error('JSON config not provided!')
    const credentials = JSON.parse(attachments.googleCloudKeyJson.contents.toString())
    global.storage = new Storage({ projectId: credentials.project_id, credentials })
    global.bucket = global.storage.bucket(config.bucketName)
}

function toCsv(events) {
    const header = 'uuid,event,distinct_id,timestamp'
    const lines = events.map((e) => [e.uuid, e.event, e.distinct_id, e.timestamp].map((v) => JSON.stringify(String(v))).join(','))
    return [header, ...lines].join('\n')
}

async function exportEvents(events, { global }) {
    const name = `posthog-export/${events[0].timestamp.slice(0, 10)}/${events[0].uuid}.csv`
    await global.bucket.file(name).save(toCsv(events))
    console.log(`Uploaded ${events.length} events to gs://${global.bucket.name}/${name}`)
}

module.exports = { setupPlugin, exportEvents }
