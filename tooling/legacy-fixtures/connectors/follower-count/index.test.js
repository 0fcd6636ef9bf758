const { getMeta, resetMeta } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin, runEveryDay } = require('./index')
const res = require('./res.json')

global.fetch = jest.fn(async () => ({ status: 200, json: async () => res }))
global.posthog = { capture: jest.fn() }

beforeEach(() => {
    fetch.mockClear()
    posthog.capture.mockClear()
    resetMeta({ config: { handle: '@posthog', token: 't0k' } })
})

test('setupPlugin checks the handle', async () => {
    await setupPlugin(getMeta())
    expect(fetch).toHaveBeenCalledWith('https://api.example-social.com/users/posthog', { method: 'GET', headers: { Authorization: 'Bearer t0k' } })
})

test('runEveryDay captures the follower count once', async () => {
    await setupPlugin(getMeta())
    await runEveryDay(getMeta())
    expect(fetch).toHaveBeenLastCalledWith('https://api.example-social.com/users/posthog/followers', { method: 'GET', headers: { Authorization: 'Bearer t0k' } })
    expect(posthog.capture).toHaveBeenCalledTimes(1)
    expect(posthog.capture).toHaveBeenCalledWith('social_followers', { follower_count: 1402, handle: 'posthog' })
})
