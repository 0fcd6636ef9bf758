import pg from "pg";
import { BackendError, redactUrl } from "./backend-error.ts";
import type { StorageBackend } from "./types.ts";

/** Options of {@link PostgresStorage.connect}. */
export interface PostgresStorageOptions {
  /** Schema holding the table (created if missing; default `public`). */
  schema?: string;
  /** Table name (default PostHog's `posthog_pluginstorage`). */
  table?: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Splits a harness storage key `<pluginConfigId>/<key>` into PostHog's two columns. */
function splitKey(key: string): [number, string] {
  const slash = key.indexOf("/");
  const id = Number(key.slice(0, slash));
  if (slash < 1 || !Number.isInteger(id)) throw new BackendError(`storage key "${key}" has no plugin config namespace ("<pluginConfigId>/<key>")`);
  return [id, key.slice(slash + 1)];
}

/**
 * Storage on a real PostgreSQL, in PostHog's table shape: `posthog_pluginstorage(plugin_config_id,
 * key varchar(200), value text)`, unique per plugin config and key. Values are the JSON text the
 * storage extension writes; cursors increment atomically in SQL. Create it with
 * {@link PostgresStorage.connect}; `close()` ends the pool.
 */
export class PostgresStorage implements StorageBackend {
  readonly #pool: pg.Pool;
  readonly #table: string;

  private constructor(pool: pg.Pool, table: string) {
    this.#pool = pool;
    this.#table = table;
  }

  /**
   * Connects to `postgres://user[:password]@host:port/db` and creates the schema and table if needed.
   *
   * @throws BackendError when the server cannot be reached or the table cannot be created
   */
  static async connect(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const schema = options.schema ?? "public";
    const table = options.table ?? "posthog_pluginstorage";
    if (!IDENT.test(schema) || !IDENT.test(table)) throw new BackendError(`Invalid storage schema/table "${schema}.${table}": use lowercase letters, digits and _`);
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
    pool.on("error", () => {});
    const qualified = `"${schema}"."${table}"`;
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await pool.query(
        `CREATE TABLE IF NOT EXISTS ${qualified} (id bigserial PRIMARY KEY, plugin_config_id integer NOT NULL, key varchar(200) NOT NULL, value text, UNIQUE (plugin_config_id, key))`,
      );
    } catch (error) {
      await pool.end().catch(() => {});
      throw new BackendError(`Cannot use PostgreSQL storage at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}. Fix: start PostgreSQL there and check the URL, or drop --storage to use in-memory storage.`, { cause: error });
    }
    return new PostgresStorage(pool, qualified);
  }

  async get(key: string): Promise<string | undefined> {
    const [id, k] = splitKey(key);
    const { rows } = await this.#pool.query<{ value: string }>(`SELECT value FROM ${this.#table} WHERE plugin_config_id = $1 AND key = $2`, [id, k]);
    return rows[0]?.value ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    const [id, k] = splitKey(key);
    await this.#pool.query(`INSERT INTO ${this.#table} (plugin_config_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (plugin_config_id, key) DO UPDATE SET value = EXCLUDED.value`, [id, k, value]);
  }

  async setIfAbsent(key: string, value: string): Promise<void> {
    const [id, k] = splitKey(key);
    await this.#pool.query(`INSERT INTO ${this.#table} (plugin_config_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (plugin_config_id, key) DO NOTHING`, [id, k, value]);
  }

  async increment(key: string, by: number): Promise<number> {
    const [id, k] = splitKey(key);
    const { rows } = await this.#pool.query<{ value: string }>(
      `INSERT INTO ${this.#table} (plugin_config_id, key, value) VALUES ($1, $2, $3::numeric::text)
       ON CONFLICT (plugin_config_id, key) DO UPDATE SET value = (${this.#table}.value::numeric + $3::numeric)::text RETURNING value`,
      [id, k, by],
    );
    return Number(rows[0]!.value);
  }

  async del(key: string): Promise<void> {
    const [id, k] = splitKey(key);
    await this.#pool.query(`DELETE FROM ${this.#table} WHERE plugin_config_id = $1 AND key = $2`, [id, k]);
  }

  async keys(prefix: string): Promise<string[]> {
    const slash = prefix.indexOf("/");
    const id = Number(prefix.slice(0, slash));
    if (slash < 1 || !Number.isInteger(id)) {
      const { rows } = await this.#pool.query<{ k: string }>(`SELECT plugin_config_id || '/' || key AS k FROM ${this.#table}`);
      return rows.map((r) => r.k).filter((k) => k.startsWith(prefix)).sort();
    }
    const rest = prefix.slice(slash + 1).replace(/[\\%_]/g, "\\$&");
    const { rows } = await this.#pool.query<{ key: string }>(`SELECT key FROM ${this.#table} WHERE plugin_config_id = $1 AND key LIKE $2 ORDER BY key`, [id, `${rest}%`]);
    return rows.map((r) => `${id}/${r.key}`).sort();
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
