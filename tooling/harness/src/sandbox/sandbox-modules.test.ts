import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import { createConnector } from "../create-connector.ts";
import { loadConnector } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";

const KITCHEN_SINK = `
const crypto = require('node:crypto');
const zlib = require('zlib');
const { URL: UrlFromModule, URLSearchParams: Params } = require('url');
const nodeFetch = require('node-fetch');
const { RetryError } = require('@posthog/plugin-scaffold');
exports.metrics = { seen: 'sum' };
exports.processEvent = (e) => {
  const u = new URL('https://user:pw@example.com:8443/a/b?x=1&y=two#frag');
  u.searchParams.append('z', 'a b&c');
  u.pathname = '/c d';
  const params = new Params({ q: 'ünï cødé', n: '1' });
  params.sort();
  const bytes = new TextEncoder().encode('héllo');
  const gz = zlib.gzipSync(JSON.stringify(e.properties));
  e.properties.out = {
    href: u.href, host: u.host, origin: u.origin, search: u.search, z: u.searchParams.get('z'), same: new UrlFromModule('/x', u).href,
    params: params.toString(), parsed: [...new URLSearchParams('a=1&a=2&b=%20+c')], relative: new URL('../up?k#h', 'https://h.example/a/b/c').href,
    sha256: crypto.createHash('sha256').update('abc').digest('hex'),
    md5b64: crypto.createHash('md5').update(Buffer.from('abc')).digest('base64'),
    hmac: crypto.createHmac('sha256', 'key').update('data', 'utf8').digest('hex'),
    hmacBuf: crypto.createHmac('sha1', Buffer.from('k')).update('d').digest().toString('hex'),
    uuid: /^[0-9a-f-]{36}$/.test(crypto.randomUUID()), rand: crypto.randomBytes(8).length, int: crypto.randomInt(5, 6),
    gunzip: JSON.parse(zlib.gunzipSync(gz).toString()).a, gzMagic: gz[0] === 0x1f && gz[1] === 0x8b,
    brotli: zlib.brotliDecompressSync(zlib.brotliCompressSync('bro')).toString(),
    base64: Buffer.from('hi there').toString('base64'), hex: Buffer.from('ff00', 'hex').readUInt16BE(0), concat: Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString(),
    btoa: btoa('abc'), atob: atob('YWJj'), encoded: Array.from(bytes), decoded: new TextDecoder().decode(bytes),
    json: JSON.stringify({ d: new Date(0) }), intl: new Intl.NumberFormat('en-US').format(1234.5), retry: new RetryError('x').name,
    typeofs: [typeof fetch, typeof nodeFetch, typeof nodeFetch.default, typeof posthog.api.get, typeof console.log],
  };
  return e;
};
exports.onEvent = async (e, meta) => {
  await meta.cache.set('k', { n: 1 }, 60);
  await meta.cache.incr('counter');
  await meta.cache.lpush('list', ['a', 'b']);
  await meta.storage.set('s', { deep: [1, 2] });
  await meta.utils.cursor.init('c', 5);
  const cursor = await meta.utils.cursor.increment('c', 2);
  meta.metrics.seen.increment(3);
  meta.global.count = (meta.global.count ?? 0) + 1;
  const response = await fetch('https://api.example.com/v1?x=1', { method: 'POST', headers: { Authorization: 'Bearer s3cret', 'X-N': '1' }, body: new URLSearchParams({ a: '1' }), signal: AbortSignal.timeout(1000) });
  const viaMeta = await meta.fetch('https://api.example.com/bytes');
  const buf = Buffer.from(await viaMeta.arrayBuffer());
  const gz = await meta.fetch('https://api.example.com/gz', { method: 'PUT', body: zlib.gzipSync('zipped'), headers: { 'Content-Encoding': 'gzip' } });
  await meta.jobs.later({ id: e.uuid, at: new Date(0) }).runIn(5, 'seconds');
  await posthog.capture('derived', { from: e.event, n: 1 });
  await meta.posthog.capture('derived-meta', { distinct_id: 'd1' });
  console.log('logged', { cache: await meta.cache.get('k', null), counter: await meta.cache.get('counter', null), list: await meta.cache.lrange('list', 0, -1), storage: await meta.storage.get('s', null), cursor, global: meta.global.count, status: response.status, ok: response.ok, ct: response.headers.get('content-type'), body: await response.json(), bytes: [...buf], gz: gz.status, attachment: meta.attachments.file && meta.attachments.file.contents.toString(), geoip: typeof meta.geoip });
  meta.logger.warn('warned', new Error('shown'));
};
exports.composeWebhook = (e) => ({ url: 'https://hooks.example.com/' + e.event, body: JSON.stringify({ when: e.timestamp.toISOString(), isDate: e.timestamp instanceof Date }), method: 'POST' });
exports.jobs = { later: async (payload, meta) => { meta.logger.info('job ran', payload.id, payload.at instanceof Date) } };
`;

const dir = tempConnector({ "plugin.json": { name: "Sink", allowedHosts: ["api.example.com", "hooks.example.com"], config: [{ key: "file", type: "attachment" }] }, "index.js": KITCHEN_SINK });

async function run(mode: "bundle" | "sandbox") {
  const clock = new VirtualClock(Date.parse("2024-01-01T00:00:00Z"));
  const fetch = new FetchInterceptor()
    .on("POST", "https://api.example.com/v1?x=1", (request) => ({ json: { got: request.body, auth: request.headers.authorization, n: request.headers["x-n"], type: request.headers["content-type"] } }))
    .on("GET", "https://api.example.com/bytes", { body: new Uint8Array([0, 1, 255]) })
    .on("PUT", "https://api.example.com/gz", (request) => ({ status: request.bodyBytes[0] === 0x1f ? 201 : 400 }));
  const connector = await createConnector(await loadConnector(dir, { mode }), { clock, fetch, attachments: { file: { content_type: "text/plain", file_name: "f.txt", contents: Buffer.from("attached") } } });
  const processed = await connector.processEvent(event({ properties: { a: 1 } }));
  await connector.onEvent(event({ properties: { a: 2 } }));
  await clock.advance(6000);
  const webhook = await connector.composeWebhook(event());
  await connector.teardown();
  const logs = connector.logs.map((l) => `${l.level} ${l.message.split("\n")[0]}`);
  return { processed, logs, requests: connector.requests, captured: connector.captured, webhook, metrics: connector.metrics, jobs: connector.jobs.size, errors: connector.errors };
}

describe("sandbox shims behave like the host modules", () => {
  it("gives the same results as bundle mode for URL, crypto, zlib, Buffer, text, fetch, meta, jobs, posthog and webhooks", async () => {
    const bundle = await run("bundle");
    const sandbox = await run("sandbox");
    expect(sandbox.processed).toEqual(bundle.processed);
    expect((sandbox.processed as any).properties.out).toMatchObject({ sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", gunzip: 1, uuid: true, int: 5 });
    expect(sandbox.logs).toEqual(bundle.logs);
    expect(sandbox.logs.join("\n")).toContain("job ran");
    expect(sandbox.requests).toEqual(bundle.requests);
    expect(sandbox.captured).toEqual(bundle.captured);
    expect(sandbox.webhook).toEqual(bundle.webhook);
    expect(JSON.stringify(sandbox.metrics)).toEqual(JSON.stringify(bundle.metrics));
    expect(sandbox.errors).toEqual(bundle.errors);
  });

  it("runs @posthog/plugin-contrib createBuffer on the harness clock (flush by size and by timeout)", async () => {
    const code = `
      const { createBuffer } = require('@posthog/plugin-contrib');
      const buffer = createBuffer({ limit: 2, timeoutSeconds: 5, onFlush: async (batch) => { console.log('flushed', batch.map((e) => e.n).join(',')) } });
      exports.onEvent = async (e) => { await buffer.add({ n: e.properties.n }, e.properties.big ? 3 : 1) };`;
    const bufferDir = tempConnector({ "plugin.json": { name: "Buffered" }, "index.js": code });
    const outputs = [];
    for (const mode of ["bundle", "sandbox"] as const) {
      const clock = new VirtualClock(0);
      const connector = await createConnector(await loadConnector(bufferDir, { mode }), { clock });
      for (const n of [1, 2, 3, 4]) await connector.onEvent(event({ properties: { n } }));
      await connector.onEvent(event({ properties: { n: 5, big: true } }));
      await clock.advance(6000);
      await new Promise((resolve) => setImmediate(resolve));
      outputs.push(connector.logs.map((l) => l.message));
    }
    expect(outputs[1]).toEqual(["flushed 1,2", "flushed 3,4", "flushed 5"]);
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
