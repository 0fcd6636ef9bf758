import { PostHogEvent, Webhook } from '@posthog/plugin-scaffold'

export function composeWebhook(event: PostHogEvent, { config }: any): Webhook | null {
    if (event.event.startsWith('$')) return null
    return {
        url: config.url,
        body: JSON.stringify({ event: event.event, distinct_id: event.distinct_id, properties: event.properties }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
    }
}
