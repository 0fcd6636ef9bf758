// `require` inside the isolate: the allowed host modules as in-isolate shims; anything else fails
// with PostHog's "Cannot import" error.
import { Buffer } from "buffer";
import { createBuffer as createContribBuffer } from "../../load/plugin-contrib.ts";
import { callHost } from "./bridge.js";
import { createCryptoModule } from "./crypto.js";
import { createNodeFetch } from "../../compat/node-fetch-v2.ts";
import { Headers, Request, Response, createFetch } from "./fetch.js";
import { createPgModule } from "./pg.js";
import { createSdkModule } from "./sdk.js";

/** The vendor SDKs (facades of the host's real SDK objects, see sdk.js). */
const SDK_MODULE = /^(?:aws-sdk|aws-sdk\/clients\/[a-z0-9]+(?:\.js)?|@google-cloud\/(?:bigquery|storage|pubsub)|snowflake-sdk)$/;
import { URL, URLSearchParams } from "./url.js";
import { createZlibModule } from "./zlib.js";

const timers = new Map();

/** Fires a createBuffer timeout (entry point, called by the host clock). */
export function fireTimer(id) {
  const fire = timers.get(id);
  timers.delete(id);
  return fire ? fire() : undefined;
}

/** The host clock, through the bridge: a createBuffer timeout fires as a `fireTimer` entry. */
const hostClock = {
  setTimeout(callback, ms) {
    const id = callHost("timer.start", [ms]);
    timers.set(id, callback);
    return id;
  },
  clearTimeout(id) {
    callHost("timer.clear", [id]);
    timers.delete(id);
  },
};

/** `@posthog/plugin-contrib`'s createBuffer: the host's logic (load/plugin-contrib.ts), items kept here. */
function createBuffer(options = {}) {
  return createContribBuffer(options, hostClock);
}

function notInSandbox(what) {
  return class {
    constructor() {
      throw new Error(`${what} is not available in sandbox mode. Fix: load the connector in bundle mode, or use fetch / the allowed modules.`);
    }
  };
}

function createPool(factory, options = {}) {
  const max = options.max ?? 1;
  const idle = [];
  let size = 0;
  const waiting = [];
  const pool = {
    async acquire() {
      if (idle.length) return idle.pop();
      if (size < max) {
        size++;
        try {
          return await factory.create();
        } catch (error) {
          size--;
          throw error;
        }
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    async release(resource) {
      const next = waiting.shift();
      if (next) next(resource);
      else idle.push(resource);
    },
    async destroy(resource) {
      size--;
      await factory.destroy?.(resource);
    },
    async use(fn) {
      const resource = await pool.acquire();
      try {
        return await fn(resource);
      } finally {
        await pool.release(resource);
      }
    },
    async drain() {},
    async clear() {
      while (idle.length) await pool.destroy(idle.pop());
    },
    get size() {
      return size;
    },
  };
  return pool;
}

/** Builds the isolate `require`. `RetryError` and `isRetryError` come from index.js. */
export function createRequire({ RetryError, isRetryError, forbidden }) {
  const fetch = createFetch("fetch.global");
  const nodeFetch = createNodeFetch({ fetch, Headers, Request, Response, toBuffer: (bytes) => Buffer.from(bytes) });
  const urlModule = {
    URL,
    URLSearchParams,
    parse: (input, parseQuery) => callHost("url.legacyParse", [String(input), Boolean(parseQuery)]),
    format: (value) => (value instanceof URL ? value.href : callHost("url.format", [typeof value === "string" ? value : { ...value }])),
    resolve: (from, to) => callHost("url.resolve", [String(from), String(to)]),
  };
  const factories = {
    crypto: createCryptoModule,
    url: () => ({ ...urlModule, default: urlModule }),
    zlib: createZlibModule,
    stream: () => ({ PassThrough: notInSandbox("stream.PassThrough") }),
    "node-fetch": () => nodeFetch,
    "@posthog/plugin-scaffold": () => ({ RetryError }),
    "@connectors/plugin-api": () => ({ RetryError, isRetryError }),
    "@posthog/plugin-contrib": () => ({ createBuffer }),
    "generic-pool": () => ({ createPool, default: { createPool } }),
    pg: createPgModule,
    buffer: () => ({ Buffer }),
  };
  const loaded = new Map();
  return function require(specifier) {
    const name = String(specifier).startsWith("node:") ? String(specifier).slice(5) : String(specifier);
    const factory = Object.prototype.hasOwnProperty.call(factories, name) && name !== "buffer" ? factories[name] : SDK_MODULE.test(name) ? () => createSdkModule(name) : undefined;
    if (!factory) throw forbidden(String(specifier));
    if (!loaded.has(name)) loaded.set(name, factory());
    return loaded.get(name);
  };
}
