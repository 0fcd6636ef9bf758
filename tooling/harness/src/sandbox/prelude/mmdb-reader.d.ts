/** Types of the in-isolate MaxMind DB reader (`mmdb-reader.js`), for host-side tests. */
export declare class MmdbReader {
  /** `cache`: decoded records by offset, shared between lookups (copy before handing out). */
  constructor(buffer: SharedArrayBuffer | ArrayBuffer, cache?: { get(offset: number): unknown; set(offset: number, record: unknown): void });
  readonly metadata: Record<string, unknown>;
  readonly databaseType: string;
  lookup(ip: unknown): [record: unknown, prefixLength: number] | null;
}
