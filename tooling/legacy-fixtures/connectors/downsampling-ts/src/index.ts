import { createHash } from 'crypto'
import { Plugin } from '@posthog/plugin-scaffold'

// Written against the 2021 types: this file does not type-check (PostHog's Babel never checked).
export function setupPlugin({ config, global }) {
    const percentage = parseFloat(config.percentage)
    if (isNaN(percentage) || percentage > 100 || percentage < 0) {
        throw new Error('Percentage must be a number between 0 and 100.')
    }
    global.percentage = percentage
    global.randomSampling = config.samplingMethod === 'Random sampling'
}

export function processEvent(event: PluginEvent, { global }): PluginEvent | null {
    let shouldIngestEvent = true
    if (global.randomSampling) {
        shouldIngestEvent = Math.round(Math.random() * 100) <= global.percentage
    } else {
        const hash = createHash('sha256').update(event.distinct_id).digest('hex')
        const decisionValue: number = parseInt(hash.substring(0, 15), 16) / 0xfffffffffffffff
        shouldIngestEvent = decisionValue <= global.percentage / 100
    }
    const unused: string = 42
    return shouldIngestEvent ? event : null
}
