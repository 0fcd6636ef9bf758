// URL (parsed by the host's WHATWG parser through the bridge) and URLSearchParams (written here).
import { callHost } from "./bridge.js";

const KEEP = /[A-Za-z0-9*\-._]/;

function encodeForm(value) {
  let out = "";
  for (const ch of String(value)) {
    if (ch === " ") out += "+";
    else if (KEEP.test(ch)) out += ch;
    else out += encodeURIComponent(ch).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

function decodeForm(value) {
  const text = value.replace(/\+/g, " ");
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-fA-F]{2})/g, (m, hex) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return String.fromCharCode(parseInt(hex, 16));
      }
    });
  }
}

export class URLSearchParams {
  #list = [];
  #onChange;

  constructor(init = "") {
    if (init instanceof URLSearchParams) this.#list = init.#list.map(([k, v]) => [k, v]);
    else if (typeof init === "object" && init !== null && typeof init[Symbol.iterator] === "function") {
      for (const pair of init) {
        const [k, v] = [...pair];
        if ([...pair].length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
        this.#list.push([String(k), String(v)]);
      }
    } else if (typeof init === "object" && init !== null) {
      for (const key of Object.keys(init)) this.#list.push([key, String(init[key])]);
    } else this.#parse(String(init));
  }

  #parse(text) {
    this.#list = [];
    const s = text.startsWith("?") ? text.slice(1) : text;
    for (const part of s.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      this.#list.push(eq === -1 ? [decodeForm(part), ""] : [decodeForm(part.slice(0, eq)), decodeForm(part.slice(eq + 1))]);
    }
  }

  /** @internal links the params to a URL's search. */
  static _link(params, search, onChange) {
    params.#parse(search);
    params.#onChange = onChange;
  }

  /** @internal re-reads the search after the URL changed. */
  static _reset(params, search) {
    params.#parse(search);
  }

  #changed() {
    this.#onChange?.(this.toString());
  }

  get size() {
    return this.#list.length;
  }
  append(name, value) {
    this.#list.push([String(name), String(value)]);
    this.#changed();
  }
  delete(name, value) {
    this.#list = this.#list.filter(([k, v]) => !(k === String(name) && (value === undefined || v === String(value))));
    this.#changed();
  }
  get(name) {
    const found = this.#list.find(([k]) => k === String(name));
    return found ? found[1] : null;
  }
  getAll(name) {
    return this.#list.filter(([k]) => k === String(name)).map(([, v]) => v);
  }
  has(name, value) {
    return this.#list.some(([k, v]) => k === String(name) && (value === undefined || v === String(value)));
  }
  set(name, value) {
    const key = String(name);
    const index = this.#list.findIndex(([k]) => k === key);
    if (index === -1) this.#list.push([key, String(value)]);
    else {
      this.#list[index] = [key, String(value)];
      this.#list = this.#list.filter(([k], i) => k !== key || i === index);
    }
    this.#changed();
  }
  sort() {
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#changed();
  }
  forEach(callback, thisArg) {
    for (const [k, v] of this.#list) callback.call(thisArg, v, k, this);
  }
  *keys() {
    for (const [k] of this.#list) yield k;
  }
  *values() {
    for (const [, v] of this.#list) yield v;
  }
  *entries() {
    for (const [k, v] of this.#list) yield [k, v];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return this.#list.map(([k, v]) => `${encodeForm(k)}=${encodeForm(v)}`).join("&");
  }
  get [Symbol.toStringTag]() {
    return "URLSearchParams";
  }
}

const PARTS = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];
const SETTABLE = new Set(["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"]);

export class URL {
  #parts;
  #params;

  constructor(input, base) {
    const href = input instanceof URL ? input.href : String(input);
    this.#parts = callHost("url.parse", [href, base === undefined ? undefined : String(base instanceof URL ? base.href : base)]);
  }

  static canParse(input, base) {
    try {
      new URL(input, base);
      return true;
    } catch {
      return false;
    }
  }

  get searchParams() {
    if (!this.#params) {
      this.#params = new URLSearchParams();
      URLSearchParams._link(this.#params, this.#parts.search, (query) => {
        this.#parts = callHost("url.set", [this.#parts.href, "search", query]);
      });
    }
    return this.#params;
  }

  #set(part, value) {
    this.#parts = callHost("url.set", [this.#parts.href, part, String(value)]);
    if (this.#params) URLSearchParams._reset(this.#params, this.#parts.search);
  }

  /** @internal */
  static _part(url, part) {
    return url.#parts[part];
  }

  /** @internal */
  static _set(url, part, value) {
    url.#set(part, value);
  }

  toString() {
    return this.#parts.href;
  }
  toJSON() {
    return this.#parts.href;
  }
  get [Symbol.toStringTag]() {
    return "URL";
  }
}

for (const part of PARTS) {
  Object.defineProperty(URL.prototype, part, {
    configurable: true,
    enumerable: true,
    get() {
      return URL._part(this, part);
    },
    set: SETTABLE.has(part)
      ? function (value) {
          URL._set(this, part, value);
        }
      : undefined,
  });
}
