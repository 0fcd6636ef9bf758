// A MaxMind DB (format 2.0) reader that runs inside the isolate, over the database bytes the host shares
// with every isolate of the process (one SharedArrayBuffer, never copied per isolate).
//
// Why our own reader and not mmdb-lib (which the host uses): mmdb-lib reads through Buffer / TypedArray
// prototype methods (`readUIntBE`, `subarray`, `toString`) and returns `bytes` fields as views of the
// database. Connector code shares those prototypes in the isolate, so it could replace one and be handed
// the shared database — and then write to memory every other connector in the process reads. This reader
// touches the bytes only by index (integer-indexed access on a typed array runs no user code), builds every
// value it returns fresh, and captures the few intrinsics it calls when the prelude loads (before any
// connector code runs). It is property-tested against mmdb-lib (`mmdb-reader.test.ts`).

const U8 = Uint8Array;
const ScratchView = DataView;
const fromCharCode = String.fromCharCode;
const apply = Reflect.apply;
const toBigInt = BigInt;
const MARKER = [0xab, 0xcd, 0xef, 0x4d, 0x61, 0x78, 0x4d, 0x69, 0x6e, 0x64, 0x2e, 0x63, 0x6f, 0x6d]; // \xAB\xCD\xEFMaxMind.com
const METADATA_WINDOW = 128 * 1024;
const DATA_SEPARATOR = 16;

function findMetadataStart(db) {
  const lowest = Math.max(0, db.length - METADATA_WINDOW);
  for (let start = db.length - MARKER.length; start >= lowest; start--) {
    let match = true;
    for (let i = 0; i < MARKER.length && match; i++) match = db[start + i] === MARKER[i];
    if (match) return start + MARKER.length;
  }
  throw new Error("not a MaxMind database (no metadata marker)");
}

/** UTF-8 bytes db[start, end) as a string (invalid sequences become U+FFFD, as in Node). */
function decodeUtf8(db, start, end) {
  let out = "";
  let units = [];
  for (let i = start; i < end; ) {
    const b = db[i];
    let code = 0xfffd;
    let length = 1;
    if (b < 0x80) code = b;
    else if (b >= 0xc2 && b < 0xe0 && i + 1 < end && (db[i + 1] & 0xc0) === 0x80) {
      code = ((b & 0x1f) << 6) | (db[i + 1] & 0x3f);
      length = 2;
    } else if (b >= 0xe0 && b < 0xf0 && i + 2 < end && (db[i + 1] & 0xc0) === 0x80 && (db[i + 2] & 0xc0) === 0x80) {
      const c = ((b & 0x0f) << 12) | ((db[i + 1] & 0x3f) << 6) | (db[i + 2] & 0x3f);
      if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
        code = c;
        length = 3;
      }
    } else if (b >= 0xf0 && b < 0xf5 && i + 3 < end && (db[i + 1] & 0xc0) === 0x80 && (db[i + 2] & 0xc0) === 0x80 && (db[i + 3] & 0xc0) === 0x80) {
      const c = ((b & 0x07) << 18) | ((db[i + 1] & 0x3f) << 12) | ((db[i + 2] & 0x3f) << 6) | (db[i + 3] & 0x3f);
      if (c >= 0x10000 && c <= 0x10ffff) {
        code = c;
        length = 4;
      }
    }
    if (code > 0xffff) {
      code -= 0x10000;
      units[units.length] = 0xd800 + (code >> 10);
      units[units.length] = 0xdc00 + (code & 0x3ff);
    } else units[units.length] = code;
    i += length;
    if (units.length > 4096) {
      out += apply(fromCharCode, undefined, units);
      units = [];
    }
  }
  return out + apply(fromCharCode, undefined, units);
}

function readUint(db, offset, size) {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + db[offset + i];
  return value;
}

/** Decodes data-section values; `base` is where pointers count from. */
class Decoder {
  #db;
  #base;
  #scratch = new U8(8);
  #view = new ScratchView(this.#scratch.buffer);

  constructor(db, base) {
    this.#db = db;
    this.#base = base;
  }

  /** The value at `offset`, and the offset after it. */
  decode(offset) {
    const db = this.#db;
    const ctrl = db[offset++];
    let type = ctrl >> 5;
    if (type === 1) return this.#pointer(ctrl, offset);
    if (type === 0) type = 7 + db[offset++];
    let size = ctrl & 0x1f;
    if (size === 29) size = 29 + db[offset++];
    else if (size === 30) (size = 285 + readUint(db, offset, 2)), (offset += 2);
    else if (size === 31) (size = 65821 + readUint(db, offset, 3)), (offset += 3);
    return this.#value(type, offset, size);
  }

  #pointer(ctrl, offset) {
    const db = this.#db;
    const kind = (ctrl >> 3) & 3;
    const high = ctrl & 7;
    let target;
    if (kind === 0) target = high * 256 + db[offset];
    else if (kind === 1) target = high * 65536 + readUint(db, offset, 2) + 2048;
    else if (kind === 2) target = high * 16777216 + readUint(db, offset, 3) + 526336;
    else target = readUint(db, offset, 4);
    return [this.decode(this.#base + target)[0], offset + kind + 1];
  }

  #value(type, offset, size) {
    const db = this.#db;
    const end = offset + size;
    switch (type) {
      case 2:
        return [decodeUtf8(db, offset, end), end];
      case 3:
        return [this.#float(offset, 8), offset + 8];
      case 4: {
        const copy = new U8(size);
        for (let i = 0; i < size; i++) copy[i] = db[offset + i];
        return [copy, end];
      }
      case 5:
      case 6:
        if (size > 4) throw new Error(`invalid size ${size} for an unsigned integer`);
        return [readUint(db, offset, size), end];
      case 7:
        return this.#map(offset, size);
      case 8:
        return [size < 4 ? readUint(db, offset, size) : readUint(db, offset, 4) | 0, end];
      case 9:
      case 10:
        return [this.#bigUint(offset, size), end];
      case 11:
        return this.#array(offset, size);
      case 14:
        return [size !== 0, offset];
      case 15:
        return [this.#float(offset, 4), offset + 4];
      default:
        throw new Error(`unknown MaxMind data type ${type} at offset ${offset}`);
    }
  }

  #float(offset, width) {
    for (let i = 0; i < width; i++) this.#scratch[i] = this.#db[offset + i];
    return width === 8 ? this.#view.getFloat64(0) : this.#view.getFloat32(0);
  }

  #bigUint(offset, size) {
    if (size > 16) throw new Error(`invalid size ${size} for a big unsigned integer`);
    let value = toBigInt(0);
    for (let i = 0; i < size; i++) value = value * toBigInt(256) + toBigInt(this.#db[offset + i]);
    return value;
  }

  #map(offset, size) {
    const map = {};
    for (let i = 0; i < size; i++) {
      const [key, afterKey] = this.decode(offset);
      const [value, afterValue] = this.decode(afterKey);
      map[key] = value;
      offset = afterValue;
    }
    return [map, offset];
  }

  #array(offset, size) {
    const array = [];
    for (let i = 0; i < size; i++) {
      const [value, after] = this.decode(offset);
      array[i] = value;
      offset = after;
    }
    return [array, offset];
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4(text) {
  if (!IPV4.test(text)) return null;
  const parts = text.split(".");
  return [+parts[0], +parts[1], +parts[2], +parts[3]];
}

function hextets(list) {
  const out = [];
  for (const part of list) {
    if (!HEXTET.test(part)) return null;
    const value = parseInt(part, 16);
    out.push(value >> 8, value & 0xff);
  }
  return out;
}

/** An IPv6 address as 16 bytes (with an embedded IPv4 tail and `::`), or null when it is not one. */
function parseIPv6(text) {
  const zone = text.indexOf("%");
  const address = zone === -1 ? text : text.slice(0, zone);
  let tail = [];
  let head = address;
  const lastColon = address.lastIndexOf(":");
  if (address.indexOf(".", lastColon) !== -1) {
    tail = parseIPv4(address.slice(lastColon + 1));
    if (!tail) return null;
    head = address.slice(0, lastColon + 1) + "0:0";
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const left = halves[0] === "" ? [] : hextets(halves[0].split(":"));
  const right = halves.length === 1 || halves[1] === "" ? [] : hextets(halves[1].split(":"));
  if (!left || !right) return null;
  const filled = left.length + right.length;
  if (halves.length === 1 ? filled !== 16 : filled > 14) return null;
  const bytes = [...left, ...new Array(16 - filled).fill(0), ...right];
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Reads a MaxMind DB: metadata, and `lookup(ip)` → `[record | null, prefixLength]`, or null for a non-address. */
export class MmdbReader {
  #db;
  #decoder;
  #nodeCount;
  #recordSize;
  #nodeBytes;
  #ipv4Start = 0;
  #cache;
  metadata;

  /**
   * @param {SharedArrayBuffer | ArrayBuffer} buffer
   * @param {{ get(offset: number): unknown; set(offset: number, record: unknown): void }} [cache] decoded records by offset (shared between lookups: copy before handing out)
   */
  constructor(buffer, cache) {
    this.#cache = cache;
    const db = new U8(buffer);
    const metadataStart = findMetadataStart(db);
    this.metadata = new Decoder(db, metadataStart).decode(metadataStart)[0];
    const { node_count: nodeCount, record_size: recordSize } = this.metadata;
    if (recordSize !== 24 && recordSize !== 28 && recordSize !== 32) throw new Error(`unsupported record size ${recordSize}`);
    this.#db = db;
    this.#nodeCount = nodeCount;
    this.#recordSize = recordSize;
    this.#nodeBytes = recordSize / 4;
    const treeSize = nodeCount * this.#nodeBytes;
    this.#decoder = new Decoder(db, treeSize + DATA_SEPARATOR);
    if (this.metadata.ip_version === 6) {
      let node = 0;
      for (let i = 0; i < 96 && node < nodeCount; i++) node = this.#record(node, 0);
      this.#ipv4Start = node;
    }
  }

  /** The database's `database_type` (e.g. GeoLite2-City). */
  get databaseType() {
    return this.metadata.database_type;
  }

  #record(node, bit) {
    const db = this.#db;
    const offset = node * this.#nodeBytes;
    if (this.#recordSize === 24) return readUint(db, offset + bit * 3, 3);
    if (this.#recordSize === 32) return readUint(db, offset + bit * 4, 4);
    const middle = db[offset + 3];
    return bit === 0 ? (middle >> 4) * 16777216 + readUint(db, offset, 3) : (middle & 0x0f) * 16777216 + readUint(db, offset + 4, 3);
  }

  /** `[record, prefixLength]` for `ip` (record null when not in the database), or null when `ip` is not an address the database can hold. */
  lookup(ip) {
    if (typeof ip !== "string") return null;
    const v4 = parseIPv4(ip);
    const bytes = v4 ?? (ip.includes(":") ? parseIPv6(ip) : null);
    if (!bytes || (!v4 && this.metadata.ip_version === 4)) return null;
    let node = v4 ? this.#ipv4Start : 0;
    let depth = 0;
    const bits = bytes.length * 8;
    for (; depth < bits && node < this.#nodeCount; depth++) node = this.#record(node, (bytes[depth >> 3] >> (7 - (depth & 7))) & 1);
    if (node <= this.#nodeCount) return [null, depth];
    const offset = node - this.#nodeCount + this.#nodeCount * this.#nodeBytes;
    let record = this.#cache?.get(offset);
    if (record === undefined) {
      record = this.#decoder.decode(offset)[0];
      this.#cache?.set(offset, record);
    }
    return [record, depth];
  }
}
