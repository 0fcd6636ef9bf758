import type { PluginEvent } from "@posthog/plugin-scaffold";
import { applyElementRules } from "./element-passes.ts";
import { interactionDetail } from "./interaction-detail.ts";
import { interactionType } from "./interaction-type.ts";
import { pickSource } from "./pick-source.ts";
import { applyPropertyRules } from "./property-rules.ts";

/** The version the original wrote into every event; kept so dashboards filtering on it still work. */
export const PLUGIN_VERSION = "0.0.13";

/** Adds the Netdata properties to an event with properties (source, element, property and interaction rules). */
export function processNetdataEvent(event: PluginEvent): void {
  const props = event.properties;
  if (!props) return;
  props.event_ph = event.event;
  props.netdata_posthog_plugin_version = PLUGIN_VERSION;
  const source = pickSource(props, event.event);
  props.event_source = source.eventSource;
  applyElementRules(props, source.elements);
  applyPropertyRules(props, source.properties);
  if (source.properties !== "agent") return;
  const type = interactionType(event.event, props);
  const detail = interactionDetail(type, props);
  props.interaction_type = type;
  props.interaction_detail = detail;
  props.interaction_token = `${type}|${detail}`;
}
