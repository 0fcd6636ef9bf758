import { createRequire } from "node:module";

const nodeRequire = createRequire(import.meta.url);

type SnowflakeSdk = Record<string, any> & { createConnection(options: object): unknown; configure(options: Record<string, unknown>): void };

let snowflake: SnowflakeSdk | undefined;

function loadSnowflake(): SnowflakeSdk {
  if (!snowflake) {
    snowflake = nodeRequire("snowflake-sdk") as SnowflakeSdk;
    // The driver logs to the host's stdout at INFO by default; connectors log through their logger.
    (nodeRequire("snowflake-sdk/lib/logger") as { getInstance(): { configure(options: object): void } }).getInstance().configure({ level: -1, filePath: undefined });
  }
  return snowflake;
}

/** `configure` options that touch the host (log files, log level of the shared driver). */
const HOST_CONFIGURE_OPTIONS = ["logLevel", "logFilePath", "additionalLogToConsole"];

/**
 * The options a connector's Snowflake connection is built with: they must be given (without them the
 * driver reads ~/.snowflake/connections.toml on the host), and `clientConfigFile` (a host path) is
 * refused.
 */
export function snowflakeConnectionOptions(options: unknown): Record<string, unknown> {
  if (!options || typeof options !== "object") {
    throw new Error("snowflake-sdk: createConnection needs its options ({ account, username, password, ... }); connectors never read the host's ~/.snowflake configuration");
  }
  const given = { ...(options as Record<string, unknown>) };
  if (given.clientConfigFile !== undefined) throw new Error("snowflake-sdk: the `clientConfigFile` option (a file on the host) is not supported for connectors");
  return given;
}

/**
 * snowflake-sdk v1 (the real driver) as a connector sees it: `createConnection` checked by
 * {@link snowflakeConnectionOptions}, `configure` without its host-wide logging options. Its HTTP
 * (axios) goes wherever the active SdkRoute sends it (the connector's harness fetch).
 */
export function createSnowflakeModule(): SnowflakeSdk {
  const real = loadSnowflake();
  const module: SnowflakeSdk = {
    ...real,
    createConnection: (options: unknown) => real.createConnection(snowflakeConnectionOptions(options)),
    configure: (options: Record<string, unknown> = {}) => real.configure(Object.fromEntries(Object.entries(options).filter(([key]) => !HOST_CONFIGURE_OPTIONS.includes(key)))),
  };
  return Object.assign(module, { default: module });
}
