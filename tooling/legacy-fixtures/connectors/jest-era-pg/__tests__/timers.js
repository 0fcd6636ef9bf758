jest.mock('../lib/format', () => ({
    ...jest.requireActual('../lib/format'),
    now: jest.fn(() => 'frozen-now'),
}))
jest.mock('pg')

const { Client } = require('pg')
const format = require('../lib/format')
const { getMeta, resetMeta } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin } = require('../index')

test('jest.requireActual keeps the real parts of a partly mocked module', () => {
    expect(format.now()).toBe('frozen-now')
    expect(format.toRow({ uuid: 'u', event: 'e', distinct_id: 'd', timestamp: 't' })).toEqual(['u', 'e', 'd', '{}', 't'])
})

test('an automocked pg Client is constructible and its methods are mocks', async () => {
    resetMeta({ config: { databaseUrl: 'postgres://localhost/x' } })
    const info = jest.spyOn(console, 'info').mockImplementation(() => {})
    await setupPlugin(getMeta())
    expect(Client).toHaveBeenCalledTimes(1)
    expect(info).toHaveBeenCalledWith('connected at frozen-now')
})

test('fake timers under their jest names', () => {
    jest.useFakeTimers('modern')
    const fired = jest.fn()
    setTimeout(fired, 5000)
    jest.advanceTimersByTime(4999)
    expect(fired).not.toHaveBeenCalled()
    jest.runOnlyPendingTimers()
    expect(fired).toHaveBeenCalledTimes(1)
    jest.useRealTimers()
})
