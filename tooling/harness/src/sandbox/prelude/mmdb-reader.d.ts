/** Types of the in-isolate MaxMind DB reader (`mmdb-reader.js`), for host-side tests. */
export declare class MmdbReader {
  constructor(buffer: SharedArrayBuffer | ArrayBuffer);
  readonly metadata: Record<string, unknown>;
  readonly databaseType: string;
  lookup(ip: unknown): [record: unknown, prefixLength: number] | null;
}
