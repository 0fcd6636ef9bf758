import { UNKNOWN_CONSTRUCTOR } from "./intrinsics.ts";
import { fromCharCodes } from "./fold-string-method.ts";
import { memberOf, prototypeOf } from "./member-of.ts";
import { exactString, HOLE, knownString, partialString, stringify, unknownValue, type Value } from "./value.ts";

/** How the evaluator applies a value to arguments (for `Reflect.apply`). */
export type ApplyValue = (callee: Value, args: readonly Value[]) => Value;

function elementsOf(value: Value | undefined): readonly Value[] {
  return value?.kind === "array" ? value.elements : [];
}

function decodeWith(decode: (text: string) => string): (args: readonly Value[]) => Value {
  return ([arg]) => {
    const text = arg && exactString(arg);
    if (text === undefined) return partialString([HOLE]);
    try {
      return knownString(decode(text));
    } catch {
      return partialString([HOLE]);
    }
  };
}

function bufferFrom([data, encoding]: readonly Value[]): Value {
  const text = data && exactString(data);
  const enc = encoding ? exactString(encoding) : "utf8";
  if (text === undefined || enc === undefined || !Buffer.isEncoding(enc)) return partialString([HOLE]);
  return knownString(Buffer.from(text, enc).toString("utf8"));
}

function arrayFrom([source]: readonly Value[]): Value {
  if (source?.kind === "array") return source;
  const text = source && exactString(source);
  return text === undefined ? unknownValue() : { kind: "array", elements: [...text].map((char) => knownString(char)) };
}

/**
 * Built-ins whose result the review computes from known arguments: the routes to prototypes and
 * properties (`Object.getPrototypeOf`, `Reflect.get`), and every way of building a string from pieces
 * (`String.fromCharCode`, `atob`, `Buffer.from(…, "base64")`, `decodeURIComponent`, `Array.from`).
 */
export function createIntrinsicCalls(apply: ApplyValue): Readonly<Record<string, (args: readonly Value[]) => Value>> {
  const getPrototype = ([target]: readonly Value[]) => (target ? prototypeOf(target) : unknownValue());
  const getProperty = ([target, key]: readonly Value[]) => (target ? memberOf(target, key && exactString(key)) : unknownValue());
  const getDescriptor = (args: readonly Value[]): Value => ({ kind: "object", properties: new Map([["value", getProperty(args)], ["get", getProperty(args)]]), origins: [] });
  return {
    "Object.getPrototypeOf": getPrototype,
    "Reflect.getPrototypeOf": getPrototype,
    "Reflect.get": getProperty,
    "Object.getOwnPropertyDescriptor": getDescriptor,
    "Reflect.getOwnPropertyDescriptor": getDescriptor,
    "Reflect.apply": ([callee, , args]) => (callee ? apply(callee, elementsOf(args)) : unknownValue()),
    "String.fromCharCode": (args) => fromCharCodes(args, false),
    "String.fromCodePoint": (args) => fromCharCodes(args, true),
    String: ([arg]) => (arg ? stringify(arg) : knownString("")),
    atob: decodeWith((text) => Buffer.from(text, "base64").toString("latin1")),
    "Buffer.from": bufferFrom,
    decodeURIComponent: decodeWith(decodeURIComponent),
    decodeURI: decodeWith(decodeURI),
    unescape: decodeWith(unescape),
    "Array.from": arrayFrom,
    "Array.of": (args) => ({ kind: "array", elements: args }),
    "Object.freeze": ([arg]) => arg ?? unknownValue(),
    "Symbol.for": () => unknownValue(),
    [UNKNOWN_CONSTRUCTOR]: () => unknownValue(),
  };
}
