const { createEvent, getMeta, resetMeta } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin, processEvent } = require('./index.ts')

beforeEach(() => {
    resetMeta({ config: { percentage: '100' } })
})

test('processEvent filters event', async () => {
    for (let i = 0; i < 100; i++) {
        const event0 = createEvent({ distinct_id: `${i}` })
        setupPlugin(getMeta())
        expect(processEvent(event0, getMeta())).toEqual(event0)
    }
    resetMeta({ config: { percentage: 0 } })
    for (let i = 0; i < 100; i++) {
        const event0 = createEvent({ distinct_id: `${i}` })
        setupPlugin(getMeta())
        expect(processEvent(event0, getMeta())).toBeNull()
    }
})

test('processEvent filters 0-40% and keeps 50-100% of distinct_id "1"', () => {
    const event0 = createEvent({ distinct_id: '1' })
    for (const percentage of [0, 10, 20, 30, 40]) {
        resetMeta({ config: { percentage } })
        setupPlugin(getMeta())
        expect(processEvent(event0, getMeta())).toBeNull()
    }
    for (const percentage of [50, 60, 70, 80, 90, 100]) {
        resetMeta({ config: { percentage } })
        setupPlugin(getMeta())
        expect(processEvent(event0, getMeta())).toEqual(event0)
    }
})

test('setupPlugin rejects a bad percentage', () => {
    resetMeta({ config: { percentage: '120' } })
    expect(() => setupPlugin(getMeta())).toThrow('Percentage must be a number between 0 and 100.')
})
