/** A compiled condition on one property value: true when the event passes. */
export type Condition = (value: unknown) => boolean;

/** Filter value types and their operators. */
export type FilterType = "string" | "number" | "boolean";

type OperatorFactory = (expected: any) => Condition;

const isText = (value: unknown): value is string => typeof value === "string";
const regexSubject = (value: unknown): string | undefined => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);

function regex(expected: unknown, negate: boolean): Condition {
  const pattern = new RegExp(String(expected));
  return (value) => {
    const subject = regexSubject(value);
    return subject !== undefined && pattern.test(subject) !== negate;
  };
}

/**
 * The operators per type. `contains`/`not_contains` need a string value and `regex`/`not_regex` a
 * string or number (coerced), otherwise the condition fails (the original threw); number and boolean
 * operators use plain JS comparison (`"20" > 10` is true, `eq` is strict).
 */
export const OPERATORS: Record<FilterType, Record<string, OperatorFactory>> = {
  string: {
    is: (b) => (a) => a === b,
    is_not: (b) => (a) => a !== b,
    contains: (b) => (a) => isText(a) && a.includes(String(b)),
    not_contains: (b) => (a) => isText(a) && !a.includes(String(b)),
    regex: (b) => regex(b, false),
    not_regex: (b) => regex(b, true),
  },
  number: {
    gt: (b) => (a: any) => a > b,
    lt: (b) => (a: any) => a < b,
    gte: (b) => (a: any) => a >= b,
    lte: (b) => (a: any) => a <= b,
    eq: (b) => (a) => a === b,
    neq: (b) => (a) => a !== b,
  },
  boolean: {
    is: (b) => (a) => a === b,
    is_not: (b) => (a) => a !== b,
  },
};
