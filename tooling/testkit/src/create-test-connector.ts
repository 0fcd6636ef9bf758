import { createConnector, FetchInterceptor, type Connector, type ConnectorOptions, type LoadMode } from "@connectors/harness";

/** Options of {@link createTestConnector}: the harness options plus how to load. */
export interface TestConnectorOptions extends ConnectorOptions {
  /** The connector module already imported (`import * as plugin from "./index.ts"`): fast, keeps coverage. */
  module?: unknown;
  /** `bundle` (as shipped) or `import`; default `import` when `module` is given, else `bundle`. */
  mode?: LoadMode;
}

/**
 * A connector instance for a test: no network (unanswered requests fail), in-memory cache and
 * storage, jobs run as they fall due. Declare responses on `connector.mocks` or pass `fetch`.
 *
 * @example
 * const connector = await createTestConnector(import.meta.dirname, { module: plugin, config: { name: "Alice" } });
 * connector.mocks.on("GET", "https://api.example.com/x", { json: { ok: true } });
 */
export async function createTestConnector(dir: string, options: TestConnectorOptions = {}): Promise<Connector & { mocks: FetchInterceptor }> {
  const { module, mode, ...rest } = options;
  const mocks = rest.fetch ?? new FetchInterceptor();
  const load = module !== undefined ? { module } : { mode: mode ?? "bundle" };
  const connector = await createConnector(dir, { ...rest, fetch: mocks, network: false, load });
  return Object.assign(connector, { mocks });
}
