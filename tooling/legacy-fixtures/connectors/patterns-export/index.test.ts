import { createEvent, getMeta, resetMeta } from '@posthog/plugin-scaffold/test/utils'
import { exportEvents, setupPlugin } from './index'

const webhookUrl = 'https://api-production.patterns.app/api/app/webhooks/wh1234'

beforeEach(() => {
    global.fetch = jest.fn(async () => ({ status: 200, text: async () => 'ok' })) as any
    resetMeta({ config: { webhookUrl, allowedEventTypes: '' } })
})

test('exportEvents posts the batch', async () => {
    const events = [createEvent({ event: 'a', properties: {} }), createEvent({ event: 'b', properties: {} })] as any
    await setupPlugin!(getMeta() as any)
    await exportEvents(events, getMeta() as any)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenCalledWith(webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(events) })
})

test('exportEvents filters by allowedEventTypes', async () => {
    resetMeta({ config: { webhookUrl, allowedEventTypes: 'a, c' } })
    const events = [createEvent({ event: 'a' }), createEvent({ event: 'b' })] as any
    await setupPlugin!(getMeta() as any)
    await exportEvents(events, getMeta() as any)
    expect(JSON.parse((fetch as any).mock.calls[0][1].body).map((e: any) => e.event)).toEqual(['a'])
})

test('exportEvents asks for a retry on non-200', async () => {
    global.fetch = jest.fn(async () => ({ status: 503, text: async () => 'busy' })) as any
    jest.spyOn(console, 'error').mockImplementation(() => {})
    await setupPlugin!(getMeta() as any)
    await expect(exportEvents([createEvent()] as any, getMeta() as any)).rejects.toMatchObject({ name: 'RetryError' })
})
