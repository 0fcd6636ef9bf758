import { RetryError } from '@posthog/plugin-scaffold'
import { exportEvents, toJsonLines } from './index'

const upload = jest.fn().mockImplementation((_, callback) => setImmediate(() => callback(null, { Location: 'https://b.s3.amazonaws.com/k' })))
const meta: any = { config: { s3BucketName: 'b' }, global: { s3: { upload } } }
const events: any[] = [{ uuid: 'u1', event: 'a', properties: {} }, { uuid: 'u2', event: 'b', properties: {} }]

beforeEach(() => {
    jest.clearAllMocks()
    console.log = jest.fn()
    console.error = jest.fn()
})

test('uploads one compressed object per batch', async () => {
    await exportEvents!(events, meta)
    expect(upload.mock.calls[0][0].Key).toBe('batches/u1.jsonl.br')
    expect(Buffer.compare(upload.mock.calls[0][0].Body, toJsonLines(events))).toBeTruthy()
})

test('a failed upload is a RetryError', async () => {
    upload.mockImplementation((_, callback) => setImmediate(() => callback(new Error('denied'))))
    await expect(exportEvents!(events, meta)).rejects.toEqual(new RetryError())
})
