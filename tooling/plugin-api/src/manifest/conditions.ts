import type { Condition, ConditionPair, ConfigField } from "./types.ts";

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function pairMatches([key, expected]: ConditionPair, values: Record<string, unknown>): boolean {
  const actual = values[key];
  if (expected === undefined || expected === null) return !isEmpty(actual);
  if (expected === "") return isEmpty(actual);
  return actual === expected;
}

/** PostHog's rule: a condition matches when every `[key, value?]` pair matches. */
export function conditionMatches(condition: Condition, values: Record<string, unknown>): boolean {
  return condition.every((pair) => pairMatches(pair, values));
}

/** Is the field shown in the config form for these values (`visible_if`)? */
export function isFieldVisible(field: ConfigField, values: Record<string, unknown>): boolean {
  return !field.visible_if || conditionMatches(field.visible_if, values);
}

/** Must the field have a value, given the other values (`required`, `required_if`, `visible_if`)? */
export function isFieldRequired(field: ConfigField, values: Record<string, unknown>): boolean {
  const requiredNow = field.required_if ? conditionMatches(field.required_if, values) : field.required === true;
  return requiredNow && isFieldVisible(field, values);
}

/** A condition as words, for messages: `stageToUse is "S3" and host is set`. */
export function describeCondition(condition: Condition): string {
  return condition
    .map(([key, expected]) =>
      expected === undefined || expected === null ? `${key} is set` : expected === "" ? `${key} is empty` : `${key} is ${JSON.stringify(expected)}`,
    )
    .join(" and ");
}

function pairToSchema([key, expected]: ConditionPair): object {
  if (expected === undefined || expected === null) {
    return { required: [key], properties: { [key]: { not: { enum: ["", null] } } } };
  }
  if (expected === "") {
    return { anyOf: [{ not: { required: [key] } }, { properties: { [key]: { enum: ["", null] } } }] };
  }
  return { required: [key], properties: { [key]: { const: expected } } };
}

/** The JSON Schema that holds exactly when the condition matches. */
export function conditionToSchema(condition: Condition): object {
  const parts = condition.map(pairToSchema);
  return parts.length === 1 ? parts[0]! : { allOf: parts };
}
