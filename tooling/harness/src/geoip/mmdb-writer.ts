import { isIPv4 } from "node:net";

/** A value the MMDB data section can hold. */
export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue };

/** One network of an MMDB file and the record it maps to. */
export interface MmdbNetwork {
  /** IPv4 CIDR, e.g. `89.160.20.128/25`. */
  network: string;
  data: { [key: string]: MmdbValue };
}

/** What goes into an MMDB file. */
export interface MmdbOptions {
  /** e.g. `GeoLite2-City` (readers pick the record model from it). */
  databaseType: string;
  networks: MmdbNetwork[];
  languages?: string[];
  description?: string;
  /** Build time in seconds since the epoch (default 0, so the output is reproducible). */
  buildEpoch?: number;
}

const METADATA_MARKER = Buffer.from("\xab\xcd\xefMaxMind.com", "latin1");
const RECORD_BYTES = 3; // record size 24 bits

interface Node {
  children: [Node | number | undefined, Node | number | undefined];
}

function control(type: number, size: number): Buffer {
  const parts: number[] = [];
  let sizeBits: number;
  const extra: number[] = [];
  if (size < 29) sizeBits = size;
  else if (size < 285) {
    sizeBits = 29;
    extra.push(size - 29);
  } else if (size < 65821) {
    sizeBits = 30;
    const n = size - 285;
    extra.push(n >> 8, n & 0xff);
  } else {
    sizeBits = 31;
    const n = size - 65821;
    extra.push((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }
  if (type <= 7) parts.push((type << 5) | sizeBits);
  else parts.push(sizeBits, type - 7);
  return Buffer.from([...parts, ...extra]);
}

function uint(value: number, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let v = value;
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = v & 0xff;
    v = Math.floor(v / 256);
  }
  let start = 0;
  while (start < bytes && out[start] === 0) start++;
  return out.subarray(start);
}

/** Encodes one value in the MMDB data-section format (strings, uint32/double numbers, booleans, arrays, maps). */
export function encodeMmdbValue(value: MmdbValue): Buffer {
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === "boolean") return control(14, value ? 1 : 0);
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
      const bytes = uint(value, 4);
      return Buffer.concat([control(6, bytes.length), bytes]);
    }
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value);
    return Buffer.concat([control(3, 8), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map(encodeMmdbValue)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, v]) => [encodeMmdbValue(k), encodeMmdbValue(v)])]);
}

function parseNetwork(network: string): { bits: number[]; prefix: number } {
  const [address, prefixText] = network.split("/");
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (!address || !isIPv4(address) || !Number.isInteger(prefix) || prefix < 1 || prefix > 32) {
    throw new Error(`"${network}" is not an IPv4 network like 89.160.20.128/25`);
  }
  const octets = address.split(".").map(Number);
  const bits = octets.flatMap((octet) => Array.from({ length: 8 }, (_, i) => (octet >> (7 - i)) & 1));
  return { bits: bits.slice(0, prefix), prefix };
}

/**
 * Writes a MaxMind DB (format 2.0, IPv4 tree, 24-bit records) mapping each network to its record:
 * enough for test databases that MaxMind's readers open like a GeoLite2 file. Deterministic: the
 * same input gives the same bytes.
 *
 * @example
 * writeFileSync("city.mmdb", writeMmdb({ databaseType: "GeoLite2-City", networks: [{ network: "89.160.20.128/25", data: { city: { names: { en: "Linköping" } } } }] }))
 */
export function writeMmdb(options: MmdbOptions): Buffer {
  const root: Node = { children: [undefined, undefined] };
  const dataChunks: Buffer[] = [];
  let dataLength = 0;
  for (const [index, { network, data }] of options.networks.entries()) {
    const { bits } = parseNetwork(network);
    const encoded = encodeMmdbValue(data);
    const dataOffset = dataLength;
    dataChunks.push(encoded);
    dataLength += encoded.length;
    let node = root;
    for (let depth = 0; depth < bits.length - 1; depth++) {
      const bit = bits[depth]!;
      let next = node.children[bit];
      if (typeof next === "number") throw new Error(`network ${network} (#${index}) lies inside an earlier, larger network`);
      if (!next) {
        next = { children: [undefined, undefined] };
        node.children[bit] = next;
      }
      node = next;
    }
    const last = bits[bits.length - 1]!;
    if (node.children[last] !== undefined) throw new Error(`network ${network} (#${index}) overlaps an earlier network`);
    node.children[last] = dataOffset;
  }

  const nodes: Node[] = [];
  const numbers = new Map<Node, number>();
  const queue: Node[] = [root];
  while (queue.length) {
    const node = queue.shift()!;
    numbers.set(node, nodes.length);
    nodes.push(node);
    for (const child of node.children) if (child && typeof child === "object") queue.push(child);
  }
  const nodeCount = nodes.length;
  if (nodeCount + 16 + dataLength >= 2 ** 24) throw new Error("test database too large for 24-bit records");
  const tree = Buffer.alloc(nodeCount * RECORD_BYTES * 2);
  nodes.forEach((node, i) => {
    node.children.forEach((child, side) => {
      const value = child === undefined ? nodeCount : typeof child === "number" ? nodeCount + 16 + child : numbers.get(child)!;
      tree.writeUIntBE(value, (i * 2 + side) * RECORD_BYTES, RECORD_BYTES);
    });
  });

  const metadata = encodeMmdbValue({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: options.buildEpoch ?? 0,
    database_type: options.databaseType,
    description: { en: options.description ?? `${options.databaseType} test database` },
    ip_version: 4,
    languages: options.languages ?? ["en"],
    node_count: nodeCount,
    record_size: RECORD_BYTES * 8,
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...dataChunks, METADATA_MARKER, metadata]);
}
