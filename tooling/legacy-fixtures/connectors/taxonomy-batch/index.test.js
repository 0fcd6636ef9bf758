const { createEvent } = require('@posthog/plugin-scaffold/test/utils')
const { processEventBatch } = require('./index')

const eventNamesByConvention = {
    camelCase: 'helloThereFriend',
    PascalCase: 'HelloThereFriend',
    snake_case: 'hello_there_friend',
    'kebab-case': 'hello-there-friend',
    'spaces in between': 'hello there friend',
}

for (const [convention, expected] of Object.entries(eventNamesByConvention)) {
    test(`converts all naming conventions to ${convention}`, async () => {
        const events = Object.values(eventNamesByConvention).map((name) => createEvent({ event: name }))
        const processed = await processEventBatch(events, { config: { defaultNamingConvention: convention } })
        expect(processed.map((e) => e.event)).toEqual(Object.values(eventNamesByConvention).map(() => expected))
    })
}

test('leaves $-events alone', async () => {
    const [event] = await processEventBatch([createEvent({ event: '$pageview' })], { config: { defaultNamingConvention: 'snake_case' } })
    expect(event.event).toBe('$pageview')
})
