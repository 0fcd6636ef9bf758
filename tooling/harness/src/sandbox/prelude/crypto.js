// `crypto` for the isolate: hashing, HMAC and randomness computed by the host on copies.
import { Buffer } from "buffer";
import { callHost } from "./bridge.js";

function toChunk(data, encoding) {
  if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${data === null ? "null" : typeof data}`);
}

function fromHost(value) {
  return typeof value === "string" ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

class Hash {
  #kind;
  #algorithm;
  #key;
  #chunks = [];
  #done = false;

  constructor(kind, algorithm, key) {
    callHost("crypto.check", [kind, String(algorithm)]);
    this.#kind = kind;
    this.#algorithm = String(algorithm);
    this.#key = key;
  }
  update(data, encoding) {
    if (this.#done) throw new Error("Digest already called");
    this.#chunks.push(toChunk(data, encoding));
    return this;
  }
  digest(encoding) {
    if (this.#done) throw new Error("Digest already called");
    this.#done = true;
    return fromHost(callHost("crypto.digest", [this.#kind, this.#algorithm, this.#key, this.#chunks, encoding]));
  }
  copy() {
    const copy = new Hash(this.#kind, this.#algorithm, this.#key);
    for (const chunk of this.#chunks) copy.update(chunk);
    return copy;
  }
}

function later(callback, run) {
  Promise.resolve().then(() => {
    let value;
    try {
      value = run();
    } catch (error) {
      return callback(error);
    }
    return callback(null, value);
  });
}

/** The `crypto` module a sandboxed connector gets. */
export function createCryptoModule() {
  const crypto = {
    createHash: (algorithm) => new Hash("hash", algorithm),
    createHmac: (algorithm, key) => new Hash("hmac", algorithm, toChunk(key)),
    randomUUID: () => callHost("crypto.randomUUID", []),
    randomBytes(size, callback) {
      const run = () => fromHost(callHost("crypto.randomBytes", [size]));
      if (typeof callback === "function") return later(callback, run);
      return run();
    },
    randomInt(min, max, callback) {
      if (typeof max === "function" || max === undefined) [min, max, callback] = [0, min, max];
      const run = () => callHost("crypto.randomInt", [min, max]);
      if (typeof callback === "function") return later(callback, run);
      return run();
    },
    getRandomValues(array) {
      const bytes = callHost("crypto.randomBytes", [array.byteLength]);
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
      return array;
    },
    timingSafeEqual(a, b) {
      const x = toChunk(a);
      const y = toChunk(b);
      if (x.length !== y.length) throw new RangeError("Input buffers must have the same byte length");
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
      return diff === 0;
    },
    getHashes: () => callHost("crypto.getHashes", []),
  };
  return { ...crypto, default: crypto };
}
