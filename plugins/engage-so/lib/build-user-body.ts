import { flattenAttributes } from "./flatten-attributes.ts";

const NAMED = ["first_name", "last_name", "email", "number"] as const;

/** The Engage user object for an identify's cleaned attributes (key order as the original). */
export function buildUserBody(attributes: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...attributes };
  delete rest.uid;
  const body: Record<string, unknown> = {};
  for (const key of NAMED) {
    if (rest[key]) {
      body[key] = rest[key];
      delete rest[key];
    }
  }
  if (rest.created_at) {
    const date = new Date(rest.created_at as string | number);
    if (!Number.isNaN(date.getTime())) {
      body.date = date.toISOString();
      delete rest.created_at;
    }
  }
  if (rest.device_token && rest.device_platform) {
    body.device_token = rest.device_token;
    body.device_platform = rest.device_platform;
    delete rest.device_token;
    delete rest.device_platform;
  }
  if (rest.name) {
    const [first, second] = String(rest.name).split(" ");
    if (!body.first_name && first) body.first_name = first;
    if (!body.last_name && second?.trim()) body.last_name = second.trim();
    delete rest.name;
  }
  const meta = flattenAttributes(rest);
  if (Object.keys(meta).length) body.meta = meta;
  return body;
}
