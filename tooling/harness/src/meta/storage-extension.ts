import type { StorageExtension, UtilsExtension } from "@connectors/plugin-api";
import type { StorageBackend } from "../backends/types.ts";
import { IllegalOperationError } from "../errors.ts";

const MAX_KEY_LENGTH = 200;

function checkKey(key: string): string {
  if (typeof key !== "string" || key.length === 0) throw new IllegalOperationError("storage keys must be non-empty strings");
  if (key.length > MAX_KEY_LENGTH) throw new IllegalOperationError(`storage keys are at most ${MAX_KEY_LENGTH} characters (got ${key.length})`);
  return key;
}

/**
 * `meta.storage` with PostHog's semantics over a backend: one namespace per plugin config, values
 * stored as JSON, `set(key, undefined)` deletes, `get` returns the default for a missing key.
 */
export function createStorageExtension(backend: StorageBackend, namespace: string): StorageExtension {
  const k = (key: string) => `${namespace}${checkKey(key)}`;
  return {
    async get(key, defaultValue) {
      const raw = await backend.get(k(key));
      return raw === undefined ? defaultValue : JSON.parse(raw);
    },
    async set(key, value) {
      if (value === undefined) await backend.del(k(key));
      else await backend.set(k(key), JSON.stringify(value));
    },
    del: (key) => backend.del(k(key)),
  };
}

/** `meta.utils`: atomic cursors kept in the same storage namespace. */
export function createUtilsExtension(backend: StorageBackend, namespace: string): UtilsExtension {
  const k = (key: string) => `${namespace}${checkKey(key)}`;
  return {
    cursor: {
      async init(key, initialValue = 0) {
        if (typeof initialValue !== "number") throw new IllegalOperationError("utils.cursor.init needs a numeric initial value");
        await backend.setIfAbsent(k(key), JSON.stringify(initialValue));
      },
      async increment(key, incrementBy = 1) {
        return backend.increment(k(key), incrementBy);
      },
    },
  };
}
