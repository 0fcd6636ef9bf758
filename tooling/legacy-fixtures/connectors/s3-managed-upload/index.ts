import { S3 } from 'aws-sdk'
import { ManagedUpload } from 'aws-sdk/clients/s3'
import { brotliCompressSync } from 'zlib'
import { Plugin, ProcessedPluginEvent, RetryError } from '@posthog/plugin-scaffold'

type UploadPlugin = Plugin<{
    global: { s3: S3 }
    config: { awsAccessKey: string; awsSecretAccessKey: string; awsRegion: string; s3BucketName: string }
}>

export function toJsonLines(events: ProcessedPluginEvent[]): Buffer {
    return Buffer.from(events.map((event) => JSON.stringify(event)).join('\n'), 'utf8')
}

export const setupPlugin: UploadPlugin['setupPlugin'] = ({ config, global }) => {
    global.s3 = new S3({ accessKeyId: config.awsAccessKey, secretAccessKey: config.awsSecretAccessKey, region: config.awsRegion })
}

export const exportEvents: UploadPlugin['exportEvents'] = async (events, { config, global }) => {
    const params = { Bucket: config.s3BucketName, Key: `batches/${events[0].uuid}.jsonl.br`, Body: brotliCompressSync(toJsonLines(events)) }
    // ManagedUpload with a node-style callback: the upload only starts because a callback is given
    await new Promise<void>((resolve, reject) => {
        global.s3.upload(params, (err: Error, data: ManagedUpload.SendData) => {
            if (err) {
                console.error(`Upload failed: ${err.message}`)
                return reject(new RetryError())
            }
            console.log(`Uploaded ${events.length} events to ${data.Location}`)
            resolve()
        })
    })
}
