const { getMeta, createEvent, resetMeta } = require('@posthog/plugin-scaffold/test/utils')
const { onEvent } = require('./index')

global.fetch = jest.fn(async () => ({ json: async () => ({}) }))

beforeEach(() => {
    fetch.mockClear()
    resetMeta({ config: { publicKey: 'pk', secret: 'sk' } })
})

const auth = 'Basic ' + Buffer.from('pk:sk').toString('base64')

test('identify updates the user', async () => {
    await onEvent(createEvent({ event: '$identify', distinct_id: 'user01', $set: { email: 'a@b.c', first_name: 'A' } }), getMeta())
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch.mock.calls[0][0]).toBe('https://api.engage.so/v1/users/user01')
    expect(fetch.mock.calls[0][1]).toMatchObject({ method: 'PUT', headers: { Authorization: auth } })
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ email: 'a@b.c', first_name: 'A' })
})

test('custom events are tracked, $-events skipped', async () => {
    await onEvent(createEvent({ event: 'Signed up', distinct_id: 'user01', properties: { plan: 'pro' } }), getMeta())
    await onEvent(createEvent({ event: '$pageview', distinct_id: 'user01' }), getMeta())
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch.mock.calls[0][0]).toBe('https://api.engage.so/v1/users/user01/events')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toMatchObject({ event: 'Signed up', properties: { plan: 'pro' } })
})
