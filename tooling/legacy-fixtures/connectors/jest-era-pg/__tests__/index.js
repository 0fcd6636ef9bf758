const mockQuery = jest.fn(async () => ({ rowCount: 1 }))
const mockConnect = jest.fn(async () => {})
const mockEnd = jest.fn(async () => {})

jest.mock('pg', () => ({
    Client: jest.fn(() => ({ connect: mockConnect, query: mockQuery, end: mockEnd })),
}))

const { Client } = require('pg')
const { getMeta, resetMeta, createEvent } = require('@posthog/plugin-scaffold/test/utils')
const { setupPlugin, exportEvents, teardownPlugin } = require('../index')

beforeEach(async () => {
    jest.clearAllMocks()
    resetMeta({ config: { databaseUrl: 'postgres://user:pass@db.example.com/analytics', tableName: TABLE_NAME } })
    await setupPlugin(getMeta())
})

test('the jest config was applied', () => {
    expect(setupFileRan).toBe(true)
    expect(TABLE_NAME).toBe('events_export')
})

test('setupPlugin connects a pg Client built with new', () => {
    expect(Client).toHaveBeenCalledWith({ connectionString: 'postgres://user:pass@db.example.com/analytics' })
    expect(mockConnect).toHaveBeenCalledTimes(1)
})

test('exportEvents inserts every event with parameters', async () => {
    const events = [createEvent({ uuid: 'u1', event: 'a', properties: { x: 1 }, timestamp: '2021-01-01T00:00:00Z' }), createEvent({ uuid: 'u2', event: 'b' })]
    await exportEvents(events, getMeta())
    const [sql, values] = mockQuery.mock.calls[0]
    expect(sql).toBe('INSERT INTO events_export (uuid, event, distinct_id, properties, timestamp) VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)')
    expect(values.slice(0, 5)).toEqual(['u1', 'a', '007', '{"x":1}', '2021-01-01T00:00:00Z'])
    expect(await getMeta().cache.get('batches_exported')).toBe(1)
})

test('teardownPlugin closes the connection', async () => {
    await teardownPlugin(getMeta())
    expect(mockEnd).toHaveBeenCalled()
})
