import type { PluginAttachment } from "@posthog/plugin-scaffold";
import { OPERATORS, type Condition, type FilterType } from "./operators.ts";

/** One filter of the attachment, compiled. */
export interface CompiledFilter {
  property: string;
  test: Condition;
}

/** The prefix of every setup error about the attachment's contents. */
export const PARSE_ERROR = "Could not parse filters attachment";

function fail(detail: string): never {
  throw new Error(`${PARSE_ERROR}: ${detail}`);
}

function compile(entry: unknown, index: number): CompiledFilter {
  if (typeof entry !== "object" || entry === null) fail(`filter ${index} is not an object`);
  const { property, key, type, operator, value } = entry as Record<string, unknown>;
  const name = property ?? key;
  if (typeof name !== "string") fail(`filter ${index} has no "property" (or "key")`);
  const operators = OPERATORS[type as FilterType];
  if (typeof type !== "string" || !Object.hasOwn(OPERATORS, type) || !operators) fail(`filter ${index} has an invalid type ${JSON.stringify(type)}; use string, number or boolean`);
  const factory = typeof operator === "string" && Object.hasOwn(operators, operator) ? operators[operator] : undefined;
  if (!factory) fail(`Invalid operator ${String(operator)} for type ${type} (filter ${index}); use one of ${Object.keys(operators).join(", ")}`);
  try {
    return { property: name, test: factory(value) };
  } catch (error) {
    return fail(`filter ${index}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Parses and compiles the `filters` attachment (UTF-8 JSON array of `{property, type, operator,
 * value}`; `key` is accepted for `property`). Throws "Could not parse filters attachment: <detail>".
 */
export function parseFilters(attachment: PluginAttachment): CompiledFilter[] {
  const text = typeof attachment.contents === "string" ? attachment.contents : Buffer.from(attachment.contents).toString("utf8");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(data)) fail(`expected a JSON array of filters, got ${data === null ? "null" : typeof data}`);
  return data.map(compile);
}
