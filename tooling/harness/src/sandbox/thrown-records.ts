import { RetryError } from "@connectors/plugin-api";

/** What crosses the isolate boundary for a thrown value: an Error's parts, or the (copied) non-Error value. */
export interface ThrownRecord {
  error: boolean;
  name?: string;
  message?: string;
  stack?: string;
  code?: string | number;
  hostErrorId?: number;
  value?: unknown;
  /** JSON-safe fields SDK errors carry (`statusCode`, `retryable`, `errors`, `reason`), copied into the isolate. */
  fields?: Record<string, unknown>;
}

const ERROR_FIELDS = ["statusCode", "retryable", "errors", "reason", "region", "time"] as const;

/** An SDK error's extra fields as JSON (so a sandboxed connector can test `error.statusCode`), or undefined. */
function errorFields(error: Error): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  for (const name of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[name];
    if (value === undefined) continue;
    try {
      fields[name] = JSON.parse(JSON.stringify(value));
    } catch {
      // not JSON (a cycle): left out
    }
  }
  return Object.keys(fields).length ? fields : undefined;
}

const MAX_KEPT_HOST_ERRORS = 1000;

/**
 * Turns thrown values into records for the isolate and back. Host errors handed to the isolate are kept
 * (the latest 1000), so one that comes back out is rethrown as the very same object (an
 * `EgressDeniedError` stays one); anything else becomes a host-realm Error with the same parts.
 */
export class ThrownRecords {
  readonly #hostErrors = new Map<number, unknown>();
  #nextId = 1;

  /** A host error as a record for the isolate. */
  toRecord(error: unknown): ThrownRecord {
    const id = this.#nextId++;
    this.#hostErrors.set(id, error);
    if (this.#hostErrors.size > MAX_KEPT_HOST_ERRORS) this.#hostErrors.delete(this.#hostErrors.keys().next().value!);
    if (!(error instanceof Error)) return { error: true, name: "Error", message: String(error), hostErrorId: id };
    const code = (error as { code?: unknown }).code;
    const fields = errorFields(error);
    return { error: true, name: error.name, message: error.message, hostErrorId: id, ...(typeof code === "string" || typeof code === "number" ? { code } : {}), ...(fields ? { fields } : {}) };
  }

  /** What the isolate threw, rebuilt on the host: the original host error when it came from the host. */
  toHostError(record: ThrownRecord): unknown {
    if (!record.error) return record.value;
    if (record.hostErrorId !== undefined && this.#hostErrors.has(record.hostErrorId)) return this.#hostErrors.get(record.hostErrorId);
    const error = record.name === "RetryError" ? new RetryError(record.message) : record.name === "TypeError" ? new TypeError(record.message) : new Error(record.message);
    if (error.name !== record.name) Object.defineProperty(error, "name", { value: record.name, writable: true, configurable: true });
    if (record.code !== undefined) (error as { code?: unknown }).code = record.code;
    if (record.stack) error.stack = record.stack;
    return error;
  }
}
