import S3 from 'aws-sdk/clients/s3'
import { gzipSync } from 'zlib'
import { PluginMeta, ProcessedPluginEvent, RetryError } from '@posthog/plugin-scaffold'

interface S3Meta extends PluginMeta {
    config: { awsAccessKey: string; awsSecretAccessKey: string; awsRegion: string; s3BucketName: string; prefix: string }
    global: { s3: S3 }
}

export const setupPlugin = ({ config, global }: S3Meta) => {
    global.s3 = new S3({ accessKeyId: config.awsAccessKey, secretAccessKey: config.awsSecretAccessKey, region: config.awsRegion })
}

export const exportEvents = async (events: ProcessedPluginEvent[], { config, global }: S3Meta) => {
    const body = gzipSync(events.map((event) => JSON.stringify(event)).join('\n'))
    const key = `${config.prefix}${events[0].timestamp.slice(0, 10)}/${events[0].uuid}.jsonl.gz`
    try {
        const result = await global.s3
            .putObject({ Bucket: config.s3BucketName, Key: key, Body: body, ContentType: 'application/json', ContentEncoding: 'gzip' })
            .promise()
        console.log(`Uploaded ${events.length} events to s3://${config.s3BucketName}/${key} (${result.ETag})`)
    } catch (error: any) {
        if (error.retryable || error.statusCode >= 500) throw new RetryError(`S3 upload failed: ${error.message}`)
        throw error
    }
}
