import { BigQuery, Table } from '@google-cloud/bigquery'
import { Plugin, PluginMeta, RetryError } from '@posthog/plugin-scaffold'

type BigQueryPlugin = Plugin<{
    global: { bigQueryTable: Table }
    config: { datasetId: string; tableId: string }
}>

export const setupPlugin: BigQueryPlugin['setupPlugin'] = async (meta) => {
    const { global, attachments, config } = meta
    if (!attachments.googleCloudKeyJson) {
        throw new Error('Credentials JSON file not provided!')
    }
    const credentials = JSON.parse(attachments.googleCloudKeyJson.contents.toString())
    const bigquery = new BigQuery({ projectId: credentials['project_id'], credentials })
    global.bigQueryTable = bigquery.dataset(config.datasetId).table(config.tableId)
}

export const exportEvents: BigQueryPlugin['exportEvents'] = async (events, { global }) => {
    const rows = events.map((event) => ({
        uuid: event.uuid,
        event: event.event,
        properties: JSON.stringify(event.properties || {}),
        distinct_id: event.distinct_id,
        team_id: event.team_id,
        timestamp: event.timestamp,
    }))
    try {
        await global.bigQueryTable.insert(rows, { ignoreUnknownValues: true })
    } catch (error: any) {
        // partial failures and 5xx are worth another try; anything else is dropped
        if (error.name === 'PartialFailureError' || (error.code && error.code >= 500)) {
            throw new RetryError(`BigQuery insert failed: ${error.message}`)
        }
        throw error
    }
    console.log(`Inserted ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} into ${global.bigQueryTable.id}`)
}
