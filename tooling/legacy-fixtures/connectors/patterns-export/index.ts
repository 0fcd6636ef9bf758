import { Plugin, PluginMeta, ProcessedPluginEvent } from '@posthog/plugin-scaffold'
import fetch from 'node-fetch'

type PatternsPlugin = Plugin<{ global: { allowedEventTypesSet: Set<string> }; config: { webhookUrl: string; allowedEventTypes: string } }>

export const setupPlugin: PatternsPlugin['setupPlugin'] = async ({ config, global }) => {
    const allowedEventTypes = config.allowedEventTypes ? config.allowedEventTypes.split(',').map((s) => s.trim()) : []
    global.allowedEventTypesSet = new Set(allowedEventTypes.filter(Boolean))
}

export async function exportEvents(events: ProcessedPluginEvent[], { config, global }: PluginMeta<PatternsPlugin>) {
    const batch = global.allowedEventTypesSet.size ? events.filter((e) => global.allowedEventTypesSet.has(e.event)) : events
    if (batch.length === 0) return
    const response = await fetch(config.webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
    })
    if (response.status !== 200) {
        const message = await response.text()
        console.error(`Patterns webhook answered ${response.status}: ${message}`)
        throw new RetryError(`Patterns webhook answered ${response.status}`)
    }
}
