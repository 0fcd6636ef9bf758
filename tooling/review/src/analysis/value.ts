import type ts from "typescript";

/** The type of {@link HOLE}. */
export interface Hole {
  readonly hole: true;
}

/** A piece of a string the review cannot know (taken from config, an event, a parameter, ...). */
export const HOLE: Hole = Object.freeze({ hole: true });

/** One part of a partly known string: known text or a {@link HOLE}. */
export type StringPart = string | Hole;

/** How a function was declared; its `.constructor` is the matching code-generating constructor. */
export type FunctionFlavor = "plain" | "async" | "generator" | "async-generator";

/**
 * What an expression may evaluate to, as far as static review can tell without running anything.
 * `origins` say where unknown data came from (`file:plugin.json`, ...), for messages.
 */
export type Value =
  | { kind: "unknown"; origins: readonly string[] }
  | { kind: "string"; parts: readonly StringPart[]; origins: readonly string[] }
  | { kind: "number"; value: number }
  /** A built-in or host global, by its path from the global object: `process`, `eval`, `Reflect.get`, `AsyncFunction`. */
  | { kind: "intrinsic"; name: string }
  /** The prototype object of an intrinsic constructor (`Object.getPrototypeOf(async () => {})` = AsyncFunction's). */
  | { kind: "prototype"; of: string }
  /** A function the connector defines. */
  | { kind: "function"; flavor: FunctionFlavor; node?: ts.Node }
  | { kind: "array"; elements: readonly Value[] }
  | { kind: "object"; properties: ReadonlyMap<string, Value>; origins: readonly string[] }
  /** Something a module outside the package exports (`import { Client } from "pg"` = module pg, path ["Client"]). */
  | { kind: "import"; module: string; path: readonly string[] }
  /** One of several values (conditionals, `||`, reassigned variables). */
  | { kind: "choice"; options: readonly Value[] };

/** Largest number of alternatives a {@link Value} of kind `choice` keeps before it gives up. */
export const MAX_CHOICES = 16;

/** A value nothing is known about. */
export function unknownValue(origins: readonly string[] = []): Value {
  return { kind: "unknown", origins };
}

/** A fully known string. */
export function knownString(text: string, origins: readonly string[] = []): Value {
  return { kind: "string", parts: [text], origins };
}

/** A string the review only partly knows. */
export function partialString(parts: readonly StringPart[], origins: readonly string[] = []): Value {
  const merged: StringPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part === "") continue;
    if (typeof part === "string" && typeof last === "string") merged[merged.length - 1] = last + part;
    else if (part === HOLE && last === HOLE) continue;
    else merged.push(part);
  }
  return { kind: "string", parts: merged.length ? merged : [""], origins };
}

/** The text of a fully known string value, else undefined. */
export function exactString(value: Value): string | undefined {
  if (value.kind === "string" && value.parts.every((part) => typeof part === "string")) return value.parts.join("");
  if (value.kind === "number") return String(value.value);
  return undefined;
}

/** Where unknown data in a value came from. */
export function originsOf(value: Value): readonly string[] {
  if (value.kind === "unknown" || value.kind === "string" || value.kind === "object") return value.origins;
  if (value.kind === "choice") return [...new Set(value.options.flatMap(originsOf))];
  if (value.kind === "array") return [...new Set(value.elements.flatMap(originsOf))];
  if (value.kind === "import" && /^[./]/.test(value.module)) return [`the package file ${value.module}`];
  return [];
}

/** The value as a string would print it (`String(value)`), as far as it is known. */
export function stringify(value: Value): Value {
  switch (value.kind) {
    case "string":
      return value;
    case "number":
      return knownString(String(value.value));
    case "array": {
      const parts: StringPart[] = [];
      value.elements.forEach((element, index) => {
        if (index > 0) parts.push(",");
        const text = stringify(element);
        parts.push(...(text.kind === "string" ? text.parts : [HOLE]));
      });
      return partialString(parts, originsOf(value));
    }
    case "choice":
      return { kind: "choice", options: value.options.map(stringify) };
    case "object":
      return value.properties.has("href") ? stringify(value.properties.get("href")!) : partialString([HOLE], value.origins);
    default:
      return partialString([HOLE], originsOf(value));
  }
}

/** Joins alternatives into one value, flattening nested choices and capping their number. */
export function choiceOf(options: readonly Value[]): Value {
  const flat = options.flatMap((option) => (option.kind === "choice" ? option.options : [option]));
  if (flat.length === 1) return flat[0]!;
  if (flat.length === 0 || flat.length > MAX_CHOICES) return unknownValue([...new Set(flat.flatMap(originsOf))]);
  return { kind: "choice", options: flat };
}

/** Applies `map` to each alternative of a value (or to the value itself). */
export function mapChoices(value: Value, map: (option: Value) => Value): Value {
  return value.kind === "choice" ? choiceOf(value.options.map(map)) : map(value);
}

/** Every alternative of a value. */
export function alternatives(value: Value): readonly Value[] {
  return value.kind === "choice" ? value.options : [value];
}
