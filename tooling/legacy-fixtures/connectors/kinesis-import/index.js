const AWS = require('aws-sdk')

async function setupPlugin({ config, global }) {
    AWS.config.update({ accessKeyId: config.iamAccessKeyId, secretAccessKey: config.iamSecretAccessKey, region: config.awsRegion })
    global.kinesis = new AWS.Kinesis()
}

function readShard(kinesis, params) {
    // callback style, as the 2021 connectors wrote it
    return new Promise((resolve, reject) => kinesis.getShardIterator(params, (err, data) => (err ? reject(err) : resolve(data.ShardIterator))))
}

async function runEveryMinute({ config, global, storage }) {
    const stream = await global.kinesis.describeStream({ StreamName: config.kinesisStreamName }).promise()
    for (const shard of stream.StreamDescription.Shards) {
        const saved = await storage.get(`iterator:${shard.ShardId}`, null)
        const iterator = saved || (await readShard(global.kinesis, { StreamName: config.kinesisStreamName, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
        const batch = await global.kinesis.getRecords({ ShardIterator: iterator, Limit: 100 }).promise()
        for (const record of batch.Records) {
            const payload = JSON.parse(Buffer.from(record.Data).toString('utf8'))
            posthog.capture(payload[config.eventKey], { ...payload.properties, kinesis_sequence_number: record.SequenceNumber })
        }
        await storage.set(`iterator:${shard.ShardId}`, batch.NextShardIterator)
    }
}

module.exports = { setupPlugin, runEveryMinute }
