import type { FunctionFlavor } from "./value.ts";

/** Names that denote the global object itself (`globalThis`, Node's `global`, the browser's `self`/`window`). */
export const GLOBAL_OBJECT_NAMES: ReadonlySet<string> = new Set(["globalThis", "global", "self", "window", "frames"]);

/** The intrinsic name of the global object. */
export const GLOBAL_OBJECT = "globalThis";

/** A computed read of the global object whose name the review cannot determine. */
export const UNKNOWN_GLOBAL = "globalThis[?]";

/** `.constructor` of a value the review cannot determine: the Function constructor when that value is a function. */
export const UNKNOWN_CONSTRUCTOR = "?.constructor";

/** Intrinsics that are plain objects (their `.constructor` is `Object`), not functions. */
const PLAIN_OBJECTS: ReadonlySet<string> = new Set(["globalThis", "process", "process.env", "Math", "JSON", "Reflect", "console", "Intl", "Atomics", "WebAssembly", "Symbol.prototype"]);

/** The constructor that builds functions of each flavor (`(async () => {}).constructor` is AsyncFunction). */
export const FLAVOR_CONSTRUCTORS: Readonly<Record<FunctionFlavor, string>> = {
  plain: "Function",
  async: "AsyncFunction",
  generator: "GeneratorFunction",
  "async-generator": "AsyncGeneratorFunction",
};

/** Intrinsics that compile text or bytes into code: calling one runs code the review never saw. */
export const CODE_GENERATORS: ReadonlySet<string> = new Set([
  "eval", "Function", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction", "ShadowRealm",
  "WebAssembly.compile", "WebAssembly.compileStreaming", "WebAssembly.instantiate", "WebAssembly.instantiateStreaming", "WebAssembly.Module", "WebAssembly.Instance",
]);

/** True when an intrinsic reaches the host outside the sandbox API: the process, the module loader, other runtimes. */
export function isHostAccess(name: string): boolean {
  if (["process", "require", "__non_webpack_require__", "Deno", "Bun", UNKNOWN_GLOBAL].includes(name)) return true;
  return /^(process|require|Deno|Bun)\./.test(name) || /^module\.(require|constructor|paths|parent|children)/.test(name);
}

/** True when an intrinsic compiles code (eval, the Function constructors, WebAssembly compilation). */
export function isCodeGenerator(name: string): boolean {
  return CODE_GENERATORS.has(name);
}

/** The `.constructor` of an intrinsic: `Object` for plain objects, `Function` for every built-in function. */
export function constructorOfIntrinsic(name: string): string {
  if (name === UNKNOWN_CONSTRUCTOR || name === UNKNOWN_GLOBAL) return name === UNKNOWN_GLOBAL ? UNKNOWN_CONSTRUCTOR : "Function";
  if (PLAIN_OBJECTS.has(name) || name.startsWith("process.")) return "Object";
  return "Function";
}
