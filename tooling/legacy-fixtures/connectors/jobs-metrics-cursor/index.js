export const metrics = {
    events_counted: 'sum',
    biggest_purchase: 'max',
}

export const jobs = {
    followUp: async ({ distinct_id, amount }, { storage }) => {
        const sent = (await storage.get('followups_sent', 0)) + 1
        await storage.set('followups_sent', sent)
        posthog.capture('purchase_follow_up', { distinct_id, amount, followups_sent: sent })
    },
}

export async function setupPlugin({ utils }) {
    await utils.cursor.init('events_seen', 100)
}

export async function processEvent(event, { utils, metrics, jobs, config }) {
    const seen = await utils.cursor.increment('events_seen')
    metrics.events_counted.increment(1)
    event.properties = { ...event.properties, event_number: seen }
    if (event.event === 'purchase') {
        const amount = Number(event.properties.amount ?? 0)
        metrics.biggest_purchase.max(amount)
        await jobs.followUp({ distinct_id: event.distinct_id, amount }).runIn(Number(config.delayMinutes), 'minutes')
    }
    return event
}
