const { createEvent, getMeta, resetMeta } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin, processEvent } = require('./index')

beforeEach(() => {
    resetMeta({ config: { limit: '2' } })
    setupPlugin(getMeta())
    seenCount = 0
})

test('remembers the last events in implicit globals', () => {
    processEvent(createEvent({ event: 'first' }), getMeta())
    processEvent(createEvent({ event: 'second' }), getMeta())
    const event = processEvent(createEvent({ event: 'third' }), getMeta())
    expect(event.properties.recent_events).toEqual(['second', 'third'])
    expect(event.properties.seen_count).toBe(3)
})

test('setupPlugin starts a fresh list', () => {
    const event = processEvent(createEvent({ event: 'only' }), getMeta())
    expect(event.properties.recent_events).toEqual(['only'])
    expect(recent).toEqual(['only'])
})
