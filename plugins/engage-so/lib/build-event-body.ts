import { flattenAttributes } from "./flatten-attributes.ts";

/** The Engage track body `{value?, properties?, event}` for a custom event's cleaned attributes. */
export function buildEventBody(eventName: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...attributes };
  const body: Record<string, unknown> = {};
  if ("value" in rest) {
    body.value = rest.value;
    delete rest.value;
  }
  const properties = flattenAttributes(rest);
  if (Object.keys(properties).length) body.properties = properties;
  body.event = eventName;
  return body;
}
