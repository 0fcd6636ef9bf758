/** Free-form event or person properties. */
export type Properties = Record<string, any>;

/** A person as attached to events by the pipeline. */
export interface PluginPerson {
  uuid: string;
  team_id: number;
  properties: Properties;
  created_at: string;
}

/** An autocapture element, parsed from `$elements_chain`. */
export interface Element {
  text?: string;
  tag_name?: string;
  href?: string;
  attr_id?: string;
  attr_class?: string[];
  nth_child?: number;
  nth_of_type?: number;
  attributes?: Record<string, any>;
  event_id?: number;
  order?: number;
  group_id?: number;
}

/** The event `processEvent` receives (ingestion input, before storage). */
export interface PluginEvent {
  distinct_id: string;
  ip: string | null;
  site_url: string;
  team_id: number;
  now: string;
  event: string;
  sent_at?: string;
  properties?: Properties;
  timestamp?: string;
  offset?: number;
  $set?: Properties;
  $set_once?: Properties;
  uuid: string;
  person?: PluginPerson;
}

/** The event `onEvent` and `exportEvents` receive (after ingestion). */
export interface ProcessedPluginEvent {
  distinct_id: string;
  ip: string | null;
  team_id: number;
  event: string;
  properties: Properties;
  timestamp: string;
  $set?: Properties;
  $set_once?: Properties;
  uuid: string;
  person?: PluginPerson;
  elements?: Element[];
}

/** The event `composeWebhook` receives. */
export interface PostHogEvent {
  uuid: string;
  team_id: number;
  distinct_id: string;
  event: string;
  timestamp: Date;
  properties: Properties;
  person?: { uuid: string; properties: Properties; posthog_url: string };
  groups?: Record<string, { key: string; properties: Properties; posthog_url: string }>;
}

/** The HTTP request `composeWebhook` asks the host to send. */
export interface Webhook {
  url: string;
  body: string;
  headers?: Record<string, string>;
  method?: "POST" | "GET" | "PUT" | "DELETE" | "PATCH";
}
