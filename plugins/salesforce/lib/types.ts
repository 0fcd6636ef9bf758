/** The connector's config as plugin.json declares it. */
export interface SalesforceConfig {
  salesforceHost: string;
  eventPath: string;
  eventMethodType?: string;
  username: string;
  password?: string;
  consumerKey: string;
  consumerSecret: string;
  eventsToInclude?: string;
  propertiesToInclude?: string;
  debugLogging?: "debug logging on" | "debug logging off";
}
