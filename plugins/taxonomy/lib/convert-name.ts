import { CONVENTIONS, type Convention } from "./naming-conventions.ts";

/** PostHog's own events (`$...`) and the survey events keep their names. */
const SURVEY_EVENTS: ReadonlySet<string> = new Set(["survey shown", "survey sent", "survey dismissed"]);

function isProtected(name: string): boolean {
  return name.startsWith("$") || SURVEY_EVENTS.has(name);
}

/** The first detector (in order), other than the target's own, whose pattern occurs in the name. */
function detectSource(name: string, target: Convention): Convention | undefined {
  return CONVENTIONS.find((c) => c !== target && name.search(c.pattern) >= 0);
}

function capitalize(match: string): string {
  return match.at(-1)!.toUpperCase();
}

/**
 * Converts an event name to the target convention with respect to the first detected source style
 * only (the original taxonomy algorithm): camel/Pascal upper-case the letter of each boundary after the
 * first character; separated styles write separator + lower-case letter and drop one leading separator.
 */
export function convertName(name: string, target: Convention): string {
  if (isProtected(name)) return name;
  const source = detectSource(name, target);
  if (!source) return name;
  if (target.separator === undefined) {
    const first = target.name === "pascal" ? name.charAt(0).toUpperCase() : name.charAt(0).toLowerCase();
    return first + name.slice(1).replace(source.pattern, capitalize);
  }
  const separator = target.separator;
  const converted = name.replace(source.pattern, (match) => separator + match.at(-1)!.toLowerCase());
  return converted.startsWith(separator) ? converted.slice(separator.length) : converted;
}
