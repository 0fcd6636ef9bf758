import type { PluginFetch } from "@connectors/plugin-api";
import { SdkRoute } from "./sdk-route.ts";

/**
 * One connector instance's SDK traffic: inactive (free) until the connector requires a vendor SDK,
 * then every hook call runs inside its {@link SdkRoute} so the SDK's HTTP goes to the connector's
 * harness fetch.
 */
export class SdkScope {
  #route: SdkRoute | undefined;

  constructor(readonly fetch: PluginFetch) {}

  /** Turns routing on (done when the connector first requires an SDK). */
  activate(): SdkRoute {
    this.#route ??= new SdkRoute(this.fetch);
    return this.#route;
  }

  /** Runs connector code: inside the route when an SDK is in use, else as it is. */
  enter<T>(call: () => T): T {
    return this.#route ? this.#route.run(call) : call();
  }
}
