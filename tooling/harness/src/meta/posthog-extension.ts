import type { ApiMethodOptions, PluginFetch, PostHogExtension, Properties } from "@connectors/plugin-api";
import type { Clock } from "../clock.ts";
import { IllegalOperationError } from "../errors.ts";
import type { RecordSink } from "../records/record-sink.ts";

/** An event a connector captured with `posthog.capture`. */
export interface CapturedEvent {
  event: string;
  distinct_id: string;
  team_id: number;
  timestamp: string;
  properties: Properties;
}

/** Where `posthog.api` calls go and with which credentials. */
export interface PostHogApiSettings {
  /** Default https://app.posthog.com */
  host?: string;
  /** The project's token, used when a call gives none. */
  projectApiKey?: string;
  /** The personal API key the plugin server provisions for the plugin. */
  personalApiKey?: string;
}

export const LIB_VERSION = "1.0.0-connectors";

/** What `createPostHogExtension` needs from the harness. */
export interface PostHogExtensionOptions {
  plugin: string;
  teamId: number;
  clock: Clock;
  fetch: PluginFetch;
  api: PostHogApiSettings;
  captured: RecordSink<CapturedEvent>;
  /** Hides secrets in the recorded copy of each captured event (default: none). */
  redact?: <T>(value: T) => T;
}

function buildCapture(options: PostHogExtensionOptions): PostHogExtension["capture"] {
  return async (event, properties = {}) => {
    if (typeof event !== "string" || event === "") throw new IllegalOperationError("posthog.capture needs an event name");
    const { distinct_id, timestamp, ...rest } = properties as Properties;
    const distinctId = distinct_id === undefined || distinct_id === null ? options.plugin : String(distinct_id);
    const captured: CapturedEvent = {
      event,
      distinct_id: distinctId,
      team_id: options.teamId,
      timestamp: timestamp ? new Date(timestamp).toISOString() : new Date(options.clock.now()).toISOString(),
      properties: { ...rest, $lib: "posthog-plugin-server", $lib_version: LIB_VERSION, distinct_id: distinctId },
    };
    options.captured.push(options.redact ? options.redact(captured) : captured);
  };
}

/** Joins host and path keeping a path prefix of the host (`https://x/posthog` + `/api/a` -> `https://x/posthog/api/a`). */
export function apiUrl(host: string, path: string): URL {
  if (/^https?:\/\//.test(path)) return new URL(path);
  return new URL(`${host.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`);
}

function buildApiCall(options: PostHogExtensionOptions, method: string) {
  return async (path: string, callOptions: ApiMethodOptions = {}): Promise<Response> => {
    if (Boolean(callOptions.projectApiKey) !== Boolean(callOptions.personalApiKey)) {
      throw new IllegalOperationError("You must specify a personalApiKey if you specify a projectApiKey and vice-versa! (posthog.api: give both, or neither and the harness uses its own)");
    }
    const projectApiKey = callOptions.projectApiKey ?? options.api.projectApiKey ?? "phc_harness_project_token";
    const personalApiKey = callOptions.personalApiKey ?? options.api.personalApiKey ?? "phx_harness_personal_key";
    const url = apiUrl(callOptions.host ?? options.api.host ?? "https://app.posthog.com", path);
    url.searchParams.set("token", projectApiKey);
    const init: RequestInit = { method, headers: { Authorization: `Bearer ${personalApiKey}` } };
    if (method !== "GET" && callOptions.data !== undefined) {
      init.body = JSON.stringify(callOptions.data);
      init.headers = { ...init.headers, "Content-Type": "application/json" };
    }
    return options.fetch(url.toString(), init);
  };
}

/**
 * The `posthog` global: `capture` records an event for the same project (distinct_id defaults to the
 * plugin name, `timestamp` lifted out of the properties, `$lib` set), `api.*` calls the PostHog REST
 * API through the connector's fetch with the harness's or the given credentials.
 */
export function createPostHogExtension(options: PostHogExtensionOptions): PostHogExtension {
  return {
    capture: buildCapture(options),
    api: {
      get: buildApiCall(options, "GET"),
      post: buildApiCall(options, "POST"),
      put: buildApiCall(options, "PUT"),
      delete: buildApiCall(options, "DELETE"),
    },
  };
}
