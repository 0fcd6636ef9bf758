import { exactString, HOLE, knownString, partialString, stringify, unknownValue, type StringPart, type Value } from "./value.ts";

type Fold = (text: string, args: readonly (string | number | undefined)[]) => Value | undefined;

const num = (value: string | number | undefined): number | undefined => (typeof value === "number" ? value : value === undefined ? undefined : Number.isNaN(Number(value)) ? undefined : Number(value));

/** String methods whose result the review computes when receiver and arguments are known. */
const STRING_METHODS: Readonly<Record<string, Fold>> = {
  toLowerCase: (text: string) => knownString(text.toLowerCase()),
  toUpperCase: (text: string) => knownString(text.toUpperCase()),
  trim: (text) => knownString(text.trim()),
  trimStart: (text) => knownString(text.trimStart()),
  trimEnd: (text) => knownString(text.trimEnd()),
  toString: (text: string) => knownString(text),
  valueOf: (text: string) => knownString(text),
  normalize: (text) => knownString(text.normalize()),
  slice: (text, [a, b]) => knownString(text.slice(num(a), num(b))),
  substring: (text, [a, b]) => knownString(text.substring(num(a) ?? 0, num(b))),
  substr: (text, [a, b]) => knownString(text.substr(num(a) ?? 0, num(b))),
  charAt: (text, [a]) => knownString(text.charAt(num(a) ?? 0)),
  at: (text, [a]) => knownString(text.at(num(a) ?? 0) ?? ""),
  repeat: (text, [a]) => (num(a) !== undefined && num(a)! >= 0 && text.length * num(a)! <= 4096 ? knownString(text.repeat(num(a)!)) : undefined),
  replace: (text, [a, b]) => (typeof a === "string" && typeof b === "string" ? knownString(text.replace(a, b)) : undefined),
  replaceAll: (text, [a, b]) => (typeof a === "string" && typeof b === "string" ? knownString(text.replaceAll(a, b)) : undefined),
  padStart: (text, [a, b]) => knownString(text.padStart(num(a) ?? 0, typeof b === "string" ? b : " ")),
  padEnd: (text, [a, b]) => knownString(text.padEnd(num(a) ?? 0, typeof b === "string" ? b : " ")),
  charCodeAt: (text, [a]) => ({ kind: "number", value: text.charCodeAt(num(a) ?? 0) }),
  codePointAt: (text, [a]) => ({ kind: "number", value: text.codePointAt(num(a) ?? 0) ?? Number.NaN }),
  split: (text, [a]) => (typeof a === "string" ? { kind: "array", elements: text.split(a).map((part) => knownString(part)) } : undefined),
};

function concat(receiver: Value, args: readonly Value[]): Value {
  const pieces = [receiver, ...args].map(stringify);
  const parts = pieces.flatMap((piece): readonly StringPart[] => (piece.kind === "string" ? piece.parts : [HOLE]));
  return partialString(parts, pieces.flatMap((piece) => (piece.kind === "string" ? piece.origins : [])));
}

/**
 * A string method call folded to its result (`"pro".concat("cess")`, `"ssecorp".split("").reverse()` via
 * the array fold), or undefined when the method is not one the review computes.
 */
export function foldStringMethod(receiver: Value & { kind: "string" }, method: string, args: readonly Value[]): Value | undefined {
  if (method === "concat") return concat(receiver, args);
  const fold = STRING_METHODS[method];
  const text = exactString(receiver);
  if (!fold) return undefined;
  if (text === undefined) return method === "toString" || method === "valueOf" ? receiver : unknownValue(receiver.origins);
  const known = args.map((arg) => (arg.kind === "number" ? arg.value : exactString(arg)));
  return fold(text, known) ?? unknownValue(receiver.origins);
}

/** An array method call folded to its result (`join`, `reverse`, `concat`, `slice`, `at`, `flat`). */
export function foldArrayMethod(receiver: Value & { kind: "array" }, method: string, args: readonly Value[]): Value | undefined {
  const elements = receiver.elements;
  switch (method) {
    case "join": {
      const separator = args[0] === undefined ? "," : exactString(args[0]);
      if (separator === undefined) return unknownValue();
      const parts = elements.flatMap((element, index): StringPart[] => {
        const text = stringify(element);
        return [...(index > 0 ? [separator] : []), ...(text.kind === "string" ? text.parts : [HOLE])];
      });
      return partialString(parts);
    }
    case "reverse":
    case "toReversed":
      return { kind: "array", elements: [...elements].reverse() };
    case "concat":
      return { kind: "array", elements: [...elements, ...args.flatMap((arg) => (arg.kind === "array" ? arg.elements : [arg]))] };
    case "slice": {
      const [start, end] = args.map((arg) => (arg.kind === "number" ? arg.value : undefined));
      return { kind: "array", elements: elements.slice(start, end) };
    }
    case "at":
      return args[0]?.kind === "number" ? (elements.at(args[0].value) ?? unknownValue()) : unknownValue();
    case "flat":
      return { kind: "array", elements: elements.flatMap((element) => (element.kind === "array" ? element.elements : [element])) };
    case "toString":
      return foldArrayMethod(receiver, "join", []);
    default:
      return undefined;
  }
}

/** The string of known character codes (`String.fromCharCode(112, 114)`), else a hole. */
export function fromCharCodes(args: readonly Value[], codePoints: boolean): Value {
  const codes = args.map((arg) => (arg.kind === "number" ? arg.value : exactString(arg) !== undefined ? Number(exactString(arg)) : Number.NaN));
  if (codes.some((code) => !Number.isInteger(code) || code < 0 || code > 0x10ffff)) return partialString([HOLE]);
  return knownString(codePoints ? String.fromCodePoint(...codes) : String.fromCharCode(...codes));
}
