import { constructorOfIntrinsic, FLAVOR_CONSTRUCTORS, GLOBAL_OBJECT, GLOBAL_OBJECT_NAMES, UNKNOWN_CONSTRUCTOR, UNKNOWN_GLOBAL } from "./intrinsics.ts";
import { exactString, knownString, mapChoices, originsOf, unknownValue, type Value } from "./value.ts";

const intrinsic = (name: string): Value => ({ kind: "intrinsic", name });
const prototype = (of: string): Value => ({ kind: "prototype", of });

function memberOfIntrinsic(name: string, key: string | undefined): Value {
  if (name === GLOBAL_OBJECT) {
    if (key === undefined) return intrinsic(UNKNOWN_GLOBAL);
    return GLOBAL_OBJECT_NAMES.has(key) ? intrinsic(GLOBAL_OBJECT) : key === "constructor" ? intrinsic("Object") : intrinsic(key);
  }
  if (key === undefined) return unknownValue();
  if (key === "constructor") return intrinsic(constructorOfIntrinsic(name));
  if (key === "__proto__") return prototype(constructorOfIntrinsic(name));
  if (key === "prototype") return prototype(name);
  if (name === UNKNOWN_CONSTRUCTOR || name === UNKNOWN_GLOBAL) return unknownValue();
  return intrinsic(`${name}.${key}`);
}

function memberOfPrototype(of: string, key: string | undefined): Value {
  if (key === "constructor") return intrinsic(of);
  return key === undefined ? unknownValue() : intrinsic(`${of}.prototype.${key}`);
}

function memberOfString(value: Value & { kind: "string" }, key: string | undefined): Value {
  if (key === "constructor") return intrinsic("String");
  if (key === "__proto__") return prototype("String");
  const text = exactString(value);
  if (text === undefined || key === undefined) return unknownValue(value.origins);
  if (key === "length") return { kind: "number", value: text.length };
  return /^\d+$/.test(key) && Number(key) < text.length ? knownString(text[Number(key)]!) : unknownValue(value.origins);
}

function memberOfArray(value: Value & { kind: "array" }, key: string | undefined): Value {
  if (key === "constructor") return intrinsic("Array");
  if (key === "__proto__") return prototype("Array");
  if (key === "length") return { kind: "number", value: value.elements.length };
  return key !== undefined && /^\d+$/.test(key) ? (value.elements[Number(key)] ?? unknownValue()) : unknownValue(originsOf(value));
}

/**
 * `base[key]` as far as the review can tell (`key` undefined: a computed name it cannot determine).
 * Follows what matters for code generation and host access: the global object and its aliases, every
 * `.constructor` / `.prototype` / `__proto__` step, object and array literals, imported modules.
 *
 * @example
 * memberOf({ kind: "function", flavor: "async" }, "constructor"); // intrinsic AsyncFunction
 */
export function memberOf(base: Value, key: string | undefined): Value {
  return mapChoices(base, (value) => {
    switch (value.kind) {
      case "intrinsic":
        return memberOfIntrinsic(value.name, key);
      case "prototype":
        return memberOfPrototype(value.of, key);
      case "function":
        if (key === "constructor") return intrinsic(FLAVOR_CONSTRUCTORS[value.flavor]);
        return key === "__proto__" ? prototype(FLAVOR_CONSTRUCTORS[value.flavor]) : unknownValue();
      case "array":
        return memberOfArray(value, key);
      case "object":
        if (key !== undefined && value.properties.has(key)) return value.properties.get(key)!;
        return key === "constructor" ? intrinsic("Object") : key === "__proto__" ? prototype("Object") : unknownValue(value.origins);
      case "string":
        return memberOfString(value, key);
      case "number":
        return key === "constructor" ? intrinsic("Number") : unknownValue();
      case "import":
        if (key === "constructor") return intrinsic(UNKNOWN_CONSTRUCTOR);
        return key === undefined ? unknownValue(originsOf(value)) : { kind: "import", module: value.module, path: [...value.path, key] };
      default:
        return key === "constructor" ? intrinsic(UNKNOWN_CONSTRUCTOR) : unknownValue(originsOf(value));
    }
  });
}

/** `Object.getPrototypeOf(value)`. */
export function prototypeOf(base: Value): Value {
  return mapChoices(base, (value) => {
    switch (value.kind) {
      case "function":
        return prototype(FLAVOR_CONSTRUCTORS[value.flavor]);
      case "intrinsic":
        return value.name === UNKNOWN_CONSTRUCTOR ? unknownValue() : prototype(constructorOfIntrinsic(value.name));
      case "prototype":
        return value.of === "Object" ? unknownValue() : prototype(value.of.endsWith("Function") && value.of !== "Function" ? "Function" : "Object");
      case "array":
        return prototype("Array");
      case "string":
        return prototype("String");
      case "object":
        return prototype("Object");
      default:
        return unknownValue();
    }
  });
}
