import { ConnectorsError } from "@connectors/plugin-api";

/**
 * Thrown when a write to the in-memory cache or storage would pass one of its caps (keys, total bytes,
 * bytes per value), or a job would pass the job queue's (pending jobs, payload bytes). The write is refused whole; what was stored before stays as it was. The key is not
 * named: keys may be built from config values.
 */
export class StoreLimitError extends ConnectorsError {
  readonly store: "cache" | "storage" | "job queue";
  readonly limit: "maxStoreKeys" | "maxStoreBytes" | "maxStoreValueBytes" | "maxPendingJobs";

  constructor(store: StoreLimitError["store"], limit: StoreLimitError["limit"], message: string) {
    super("STORE_LIMIT", message);
    this.store = store;
    this.limit = limit;
  }
}
