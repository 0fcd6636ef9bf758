import { Connector } from "./connector.ts";
import type { ConnectorOptions } from "./connector-options.ts";
import { loadConnector, type LoadedConnector, type LoadOptions } from "./load/load-connector.ts";

/**
 * Loads (if needed) and instantiates a connector: validates the config against plugin.json (defaults
 * applied), builds `meta`, evaluates the code. setupPlugin runs on the first hook call or `setup()`.
 *
 * @example
 * const connector = await createConnector("hello-world", { config: { name: "Alice" } });
 * const event = await connector.processEvent({ event: "$pageview", distinct_id: "u1", properties: {}, ... });
 * await connector.teardown();
 * @throws ConfigError listing every config issue
 * @throws ManifestError / PluginLoadError when the connector cannot be loaded
 */
export async function createConnector(
  target: string | LoadedConnector,
  options: ConnectorOptions & { load?: LoadOptions } = {},
): Promise<Connector> {
  const loaded = typeof target === "string" ? await loadConnector(target, options.load) : target;
  return new Connector(loaded, options);
}
