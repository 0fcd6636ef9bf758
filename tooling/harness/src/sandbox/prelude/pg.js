// A minimal `pg` for the isolate: Client and Pool (connect / query / end) over a host-side client.
// The host checks the database host and port against the connector's egress policy.
import { callHostAsync } from "./bridge.js";

function plain(value, depth = 0) {
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  if (depth > 4) return undefined;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  const out = {};
  for (const key of Object.keys(value)) {
    const v = plain(value[key], depth + 1);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function withCallback(promise, callback) {
  if (typeof callback !== "function") return promise;
  promise.then((value) => callback(null, value), (error) => callback(error));
  return undefined;
}

class Emitter {
  #handlers = new Map();
  on(event, handler) {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }
  once(event, handler) {
    return this.on(event, handler);
  }
  off(event, handler) {
    this.#handlers.set(event, (this.#handlers.get(event) ?? []).filter((h) => h !== handler));
    return this;
  }
  removeListener(event, handler) {
    return this.off(event, handler);
  }
  removeAllListeners(event) {
    if (event === undefined) this.#handlers.clear();
    else this.#handlers.delete(event);
    return this;
  }
  emit(event, ...args) {
    for (const handler of this.#handlers.get(event) ?? []) handler(...args);
    return (this.#handlers.get(event) ?? []).length > 0;
  }
}

function queryArgs(text, values) {
  if (text && typeof text === "object") return [text.text, text.values ?? (Array.isArray(values) ? values : undefined)];
  return [text, Array.isArray(values) ? values : undefined];
}

export class Client extends Emitter {
  #config;
  #id;
  #connecting;

  constructor(config) {
    super();
    this.#config = plain(typeof config === "string" ? { connectionString: config } : (config ?? {}));
  }
  connect(callback) {
    this.#connecting ??= callHostAsync("pg.connect", [this.#config]).then((id) => {
      this.#id = id;
    });
    return withCallback(this.#connecting, callback);
  }
  query(text, values, callback) {
    if (typeof values === "function") [values, callback] = [undefined, values];
    const [sql, params] = queryArgs(text, values);
    const run = (async () => {
      if (this.#id === undefined) {
        if (!this.#connecting) throw new Error("Client was not connected; call client.connect() first");
        await this.#connecting;
      }
      return callHostAsync("pg.query", [this.#id, sql, plain(params)]);
    })();
    return withCallback(run, callback);
  }
  end(callback) {
    const id = this.#id;
    this.#id = undefined;
    const run = id === undefined ? Promise.resolve() : callHostAsync("pg.end", [id]).then(() => undefined);
    return withCallback(run, callback);
  }
}

export class Pool extends Emitter {
  #config;
  totalCount = 0;
  idleCount = 0;
  waitingCount = 0;

  constructor(config) {
    super();
    this.#config = config;
  }
  async #client() {
    const client = new Client(this.#config);
    await client.connect();
    client.release = () => client.end();
    return client;
  }
  connect(callback) {
    const run = this.#client();
    if (typeof callback !== "function") return run;
    run.then((client) => callback(null, client, client.release), (error) => callback(error));
    return undefined;
  }
  query(text, values, callback) {
    if (typeof values === "function") [values, callback] = [undefined, values];
    const run = (async () => {
      const client = await this.#client();
      try {
        return await client.query(text, values);
      } finally {
        await client.end();
      }
    })();
    return withCallback(run, callback);
  }
  end(callback) {
    return withCallback(Promise.resolve(), callback);
  }
}

/** The `pg` module a sandboxed connector gets. */
export function createPgModule() {
  const pg = { Client, Pool, types: { setTypeParser() {}, getTypeParser() {} } };
  return { ...pg, default: pg };
}
