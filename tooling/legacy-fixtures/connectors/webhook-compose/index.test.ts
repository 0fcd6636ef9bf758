import { composeWebhook } from './index'

const event = (name: string): any => ({ uuid: 'u', team_id: 1, distinct_id: 'd1', event: name, timestamp: new Date(0), properties: { a: 1 } })

test('composes a webhook for custom events', () => {
    expect(composeWebhook(event('signup'), { config: { url: 'https://hooks.example.com/x' } })).toEqual({
        url: 'https://hooks.example.com/x',
        body: JSON.stringify({ event: 'signup', distinct_id: 'd1', properties: { a: 1 } }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
    })
})

test('skips $-events', () => {
    expect(composeWebhook(event('$pageview'), { config: { url: 'https://hooks.example.com/x' } })).toBeNull()
})
