const { PubSub } = require('@google-cloud/pubsub')

exports.setupPlugin = async ({ attachments, config, global }) => {
    const credentials = JSON.parse(attachments.googleCloudKeyJson.contents.toString())
    global.pubSubClient = new PubSub({ projectId: credentials.project_id, credentials })
    global.topic = global.pubSubClient.topic(config.topicId)
}

exports.onEvent = async (event, { global }) => {
    const { event: name, properties, distinct_id, timestamp, uuid } = event
    const data = Buffer.from(JSON.stringify({ event: name, properties, distinct_id, timestamp, uuid }))
    const messageId = await global.topic.publish(data, { source: 'posthog' })
    console.log(`Published ${uuid} as message ${messageId}`)
}
