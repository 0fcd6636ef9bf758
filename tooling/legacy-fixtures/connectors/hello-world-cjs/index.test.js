const { createEvent, createIdentify, getMeta, resetMeta, clone } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin, processEvent } = require('./index')

beforeEach(() => {
    resetMeta({
        config: {
            bar: 'foo',
        },
    })
})

test('processEvent adds properties', async () => {
    const event = createEvent({ event: 'booking completed', properties: { amount: '20', currency: 'USD' } })
    const event1 = await processEvent(clone(event), getMeta())
    expect(event1).toEqual({ ...event, properties: { ...event.properties, greeting: 'foo', greeting_counter: 0, random_number: 4 } })

    const event2 = await processEvent(clone(event), getMeta())
    expect(event2.properties.greeting_counter).toBe(1)

    const event3 = await processEvent(clone(event), getMeta())
    expect(event3.properties.greeting_counter).toBe(2)
})

test('processEvent does not break identify', async () => {
    const event = createIdentify()
    const event1 = await processEvent(clone(event), getMeta())
    expect(event1).toEqual({ ...event, properties: { greeting: 'foo', greeting_counter: 0, random_number: 4 } })
})

test('setupPlugin sets global state', async () => {
    await setupPlugin(getMeta())
    expect(getMeta().global.setupDone).toBe(true)
})
