// fetch for the isolate: requests are copied to the host's harness fetch (egress policy, mocks,
// recording all apply there); responses come back as copies with the whole body read.
import { Buffer } from "buffer";
import { callHostAsync } from "./bridge.js";
import { URLSearchParams } from "./url.js";

export class Headers {
  #map = new Map();

  constructor(init) {
    if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
    else if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v);
    else if (init && typeof init === "object") for (const k of Object.keys(init)) this.append(k, init[k]);
  }
  append(name, value) {
    const key = String(name).toLowerCase();
    const prev = this.#map.get(key);
    this.#map.set(key, prev === undefined ? String(value) : `${prev}, ${value}`);
  }
  set(name, value) {
    this.#map.set(String(name).toLowerCase(), String(value));
  }
  get(name) {
    return this.#map.get(String(name).toLowerCase()) ?? null;
  }
  has(name) {
    return this.#map.has(String(name).toLowerCase());
  }
  delete(name) {
    this.#map.delete(String(name).toLowerCase());
  }
  forEach(callback, thisArg) {
    for (const [k, v] of [...this.#map].sort(([a], [b]) => (a < b ? -1 : 1))) callback.call(thisArg, v, k, this);
  }
  *entries() {
    yield* [...this.#map].sort(([a], [b]) => (a < b ? -1 : 1));
  }
  *keys() {
    for (const [k] of this.entries()) yield k;
  }
  *values() {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  /** node-fetch v2 */
  raw() {
    return Object.fromEntries([...this.entries()].map(([k, v]) => [k, [v]]));
  }
}

function toBytes(body) {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(String(body), "utf8");
}

export class Response {
  #bytes;
  #used = false;

  constructor(body = null, init = {}) {
    this.#bytes = toBytes(body);
    this.status = init.status ?? 200;
    this.statusText = init.statusText ?? "";
    this.headers = new Headers(init.headers);
    this.url = init.url ?? "";
    this.redirected = init.redirected ?? false;
    this.type = "default";
    if (typeof body === "string" && !this.headers.has("content-type")) this.headers.set("content-type", "text/plain;charset=UTF-8");
  }
  get ok() {
    return this.status >= 200 && this.status < 300;
  }
  get bodyUsed() {
    return this.#used;
  }
  #consume() {
    if (this.#used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    this.#used = true;
    return Promise.resolve(this.#bytes ?? new Uint8Array(0));
  }
  async text() {
    const bytes = await this.#consume();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  }
  async json() {
    return JSON.parse(await this.text());
  }
  async arrayBuffer() {
    const bytes = await this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  /** node-fetch v2 */
  async buffer() {
    const bytes = await this.#consume();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  clone() {
    if (this.#used) throw new TypeError("Response.clone: Body has already been consumed.");
    return new Response(this.#bytes ? this.#bytes.slice() : null, this);
  }
  static json(data, init = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new Response(JSON.stringify(data), { ...init, headers });
  }
}

/** A request description (`new Request(url, init)`); `fetch(request)` sends it. */
export class Request {
  #bytes;
  #used = false;

  constructor(input, init = {}) {
    const from = input instanceof Request ? input : undefined;
    this.url = from ? from.url : typeof input === "string" ? input : input && typeof input.href === "string" ? input.href : String(input);
    this.method = String(init.method ?? from?.method ?? "GET").toUpperCase();
    this.headers = new Headers(init.headers ?? from?.headers);
    this.redirect = init.redirect ?? from?.redirect ?? "follow";
    this.signal = init.signal ?? from?.signal ?? null;
    this.#bytes = init.body !== undefined ? toBytes(init.body instanceof URLSearchParams ? init.body.toString() : init.body) : from ? from._bytes() : null;
    if (this.#bytes && (this.method === "GET" || this.method === "HEAD")) throw new TypeError("Request with GET/HEAD method cannot have body.");
  }
  get bodyUsed() {
    return this.#used;
  }
  /** @internal the body bytes, for fetch(request) and clone(). */
  _bytes() {
    return this.#bytes;
  }
  async text() {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    const bytes = this.#bytes ?? new Uint8Array(0);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  }
  async json() {
    return JSON.parse(await this.text());
  }
  async arrayBuffer() {
    const text = await this.text();
    return Buffer.from(text, "utf8").buffer;
  }
  clone() {
    return new Request(this);
  }
}

/** Turns the host's copy of a response into a Response. */
export function toResponse(record) {
  return new Response(record.body, record);
}

export class AbortSignal {
  aborted = false;
  reason = undefined;
  #listeners = [];
  /** @internal set by AbortSignal.timeout: the host applies the timeout to the request. */
  _timeoutMs = undefined;

  addEventListener(type, listener) {
    if (type === "abort") this.#listeners.push(listener);
  }
  removeEventListener(type, listener) {
    this.#listeners = this.#listeners.filter((l) => l !== listener);
  }
  throwIfAborted() {
    if (this.aborted) throw this.reason;
  }
  /** @internal */
  _abort(reason) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? abortError("This operation was aborted");
    const event = { type: "abort", target: this };
    if (typeof this.onabort === "function") this.onabort(event);
    for (const listener of this.#listeners) listener.call(this, event);
  }
  static abort(reason) {
    const signal = new AbortSignal();
    signal._abort(reason);
    return signal;
  }
  static timeout(ms) {
    const signal = new AbortSignal();
    signal._timeoutMs = Number(ms);
    return signal;
  }
}

export class AbortController {
  signal = new AbortSignal();
  abort(reason) {
    this.signal._abort(reason);
  }
}

function abortError(message) {
  const error = new Error(message);
  error.name = "AbortError";
  return error;
}

function toRequestRecord(input, init = {}) {
  if (input instanceof Request) {
    const merged = { method: input.method, headers: input.headers, redirect: input.redirect, signal: input.signal ?? undefined, ...init };
    if (init.body === undefined && input._bytes()) merged.body = input._bytes();
    return toRequestRecord(input.url, merged);
  }
  const url = typeof input === "string" ? input : input && typeof input.href === "string" ? input.href : String(input);
  const headers = new Headers(init.headers);
  let body = init.body;
  if (body instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    body = body.toString();
  } else if (body !== undefined && body !== null && typeof body !== "string") body = toBytes(body);
  const record = { method: init.method ?? "GET", headers: [...headers.entries()] };
  if (body !== undefined && body !== null) record.body = body;
  if (init.redirect) record.redirect = init.redirect;
  const timeout = init.timeout ?? init.signal?._timeoutMs;
  if (timeout) record.timeout = timeout;
  return { url, init: record };
}

/** A fetch whose requests go to the host operation `op` ("fetch.global" or "fetch.meta"). */
export function createFetch(op) {
  return function fetch(input, init = {}) {
    const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) return Promise.reject(signal.reason);
    let request;
    try {
      request = toRequestRecord(input, init);
    } catch (error) {
      return Promise.reject(error);
    }
    const pending = callHostAsync(op, [request.url, request.init]).then(toResponse);
    if (!signal || signal._timeoutMs !== undefined) return pending;
    return new Promise((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason));
      pending.then(resolve, reject);
    });
  };
}

