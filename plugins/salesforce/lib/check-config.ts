import type { SalesforceConfig } from "./types.ts";

const HOST = /^https:\/\/[^/\s]+\.my\.salesforce\.com$/;

/** Checks the config as the original did (dots escaped in the host check). @throws Error naming the problem */
export function checkConfig(config: SalesforceConfig): void {
  if (!config.salesforceHost) throw new Error("host not provided!");
  if (!HOST.test(config.salesforceHost)) throw new Error("Invalid salesforce host");
  if (!config.username) throw new Error("Username not provided!");
  if (!config.password) throw new Error("Password not provided!");
  if (!config.eventsToInclude) throw new Error("No events to include!");
}
