import type { PluginFetch } from "@connectors/plugin-api";
import { ConnectorSdks, isSdkModule } from "./sdk-modules.ts";
import { SdkScope } from "./sdk-scope.ts";
import { MODULE_RULES, SandboxSdkUnsupportedError, classRulesFor, refusalMessage, snowflakeStatementSnapshot, type ClassRule, type MethodRule } from "./sandbox-sdk-rules.ts";

/** Most host SDK objects one sandboxed connector may hold at once. */
export const MAX_SDK_HANDLES = 10_000;
/** Deepest nesting of a value copied between the isolate and an SDK. */
const MAX_DEPTH = 32;

/** An SDK object as the isolate sees it: a number, the methods it may call, and its simple properties. */
export interface HandleDescriptor {
  __sdkHandle: number;
  methods: Array<{ name: string; callbackOption?: string }>;
  /** Methods the SDK has that the sandbox refuses: name -> the error message calling one throws. */
  refused: Record<string, string>;
  props: Record<string, string | number | boolean | null>;
  /** The object is an aws-sdk Request or S3 ManagedUpload (its facade offers `promise()`, `send(cb)`, `on()`). */
  awsRequest?: boolean;
}

/** aws-sdk objects that run on `promise()` / `send(cb)` and take event listeners (their facade offers all three). */
const AWS_REQUEST_LIKE = new Set(["AWS.Request", "AWS.S3.ManagedUpload"]);

/** What an isolate call into an SDK gets back. */
export type InvokeAnswer = { value: unknown } | { pending: number };

const FORBIDDEN_NAMES = new Set(["constructor", "__proto__", "prototype", "call", "apply", "bind", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The host side of the vendor SDKs for one sandboxed connector. The real SDK objects stay on the
 * host, created with the connector's own options through {@link ConnectorSdks} (so their HTTP goes
 * through the connector's harness fetch: egress policy, mocks, recording); the isolate holds numbered
 * handles and may call only the methods the rules in `sandbox-sdk-rules.ts` allow (no host files, no
 * streams, no functions crossing). Values are copied both ways.
 */
export class SandboxSdkHost {
  readonly #scope: SdkScope;
  readonly #sdks: ConnectorSdks;
  readonly #modules = new Map<string, Record<string, any>>();
  readonly #rules = new Map<string, ClassRule[]>();
  readonly #handles = new Map<number, { value: object; rule: ClassRule }>();
  readonly #pending = new Map<number, Promise<unknown>>();
  #next = 1;

  constructor(fetch: PluginFetch) {
    this.#scope = new SdkScope(fetch);
    this.#sdks = new ConnectorSdks(this.#scope);
  }

  /** Runs one `sdk.*` host operation for the isolate. */
  run(op: string, args: any[]): unknown {
    switch (op) {
      case "sdk.describe":
        return this.#describe(args[0]);
      case "sdk.new":
        return this.#construct(args[0], args[1], args[2]);
      case "sdk.call":
        return this.#callFunction(args[0], args[1], args[2]);
      case "sdk.invoke":
        return this.#invoke(args[0], args[1], args[2]);
      default:
        throw new Error(`unknown sandbox operation ${op}`);
    }
  }

  /** Settles a pending SDK promise (`sdk.await`, an asynchronous host operation). */
  async await(token: number): Promise<unknown> {
    const pending = this.#pending.get(token);
    this.#pending.delete(token);
    if (!pending) throw new Error(`no pending SDK call ${token}`);
    return this.#toIsolate(await pending, 0);
  }

  #module(name: string): Record<string, any> {
    if (!isSdkModule(name)) throw new SandboxSdkUnsupportedError(`'${name}'`, "it is not one of the vendor SDKs");
    let module = this.#modules.get(name);
    if (!module) {
      module = this.#sdks.require(name) as Record<string, any>;
      this.#modules.set(name, module);
      this.#rules.set(name, classRulesFor(name));
    }
    return module;
  }

  /** aws-sdk's services (any `AWS.<Service>` and `aws-sdk/clients/x`), or the module's allowed classes and functions. */
  #describe(name: string): { classes: string[]; functions: string[]; awsService?: boolean } {
    const module = this.#module(name);
    if (name.startsWith("aws-sdk/clients/")) return { classes: [], functions: [], awsService: true };
    if (name === "aws-sdk") return { classes: Object.keys(module).filter((key) => /^[A-Z]/.test(key) && typeof module[key] === "function" && (module[key] as { serviceIdentifier?: unknown }).serviceIdentifier !== undefined), functions: [] };
    const rule = MODULE_RULES[name]!;
    return { classes: Object.keys(rule.classes), functions: Object.keys(rule.functions) };
  }

  #construct(name: string, exportName: string, args: unknown[]): HandleDescriptor {
    const module = this.#module(name);
    const Class = name.startsWith("aws-sdk/clients/") ? module : this.#allowedExport(name, exportName, "classes", module);
    if (typeof Class !== "function") throw new SandboxSdkUnsupportedError(`new ${exportName}()`, `'${name}' exports no such class`);
    const value = this.#scope.enter(() => new (Class as new (...a: unknown[]) => object)(...this.#fromIsolate(args, 0)));
    return this.#handleOf(name, value);
  }

  #callFunction(name: string, fn: string, args: unknown[]): InvokeAnswer {
    const module = this.#module(name);
    const target = this.#allowedExport(name, fn, "functions", module) as (...a: unknown[]) => unknown;
    return this.#answer(name, this.#scope.enter(() => target.apply(module, this.#fromIsolate(args, 0))));
  }

  #allowedExport(name: string, exportName: string, kind: "classes" | "functions", module: Record<string, any>): unknown {
    if (name === "aws-sdk" && kind === "classes" && this.#describe(name).classes.includes(exportName)) return module[exportName];
    const rule = MODULE_RULES[name];
    if (!rule || !Object.hasOwn(rule[kind], exportName)) throw new SandboxSdkUnsupportedError(`${name}.${exportName}`, "it is not part of the sandbox's SDK surface");
    return module[exportName];
  }

  #invoke(handle: number, method: string, args: unknown[]): InvokeAnswer {
    const entry = this.#handles.get(handle);
    if (!entry) throw new Error(`SDK object ${handle} is gone`);
    const rule = this.#methodRule(entry, method);
    const converted = this.#fromIsolate(args, 0);
    rule.check?.(converted);
    const target = entry.value as Record<string, (...a: unknown[]) => unknown>;
    const call = rule.callbackOption ? () => this.#withCallbackOption(target, method, rule.callbackOption!, converted) : () => target[rule.hostMethod ?? method]!(...converted);
    const module = [...this.#rules.entries()].find(([, rules]) => rules.includes(entry.rule))![0];
    const result = this.#scope.enter(call);
    return this.#answer(module, rule.result ? rule.result(result, converted) : result);
  }

  #methodRule(entry: { value: object; rule: ClassRule }, method: string): MethodRule {
    const rules = entry.rule.methods(entry.value);
    if (FORBIDDEN_NAMES.has(method) || !Object.hasOwn(rules, method)) throw new SandboxSdkUnsupportedError(`${entry.rule.name}.${method}()`, "it is not part of the sandbox's SDK surface");
    return rules[method]!;
  }

  /** snowflake `execute({ ..., complete })`: the host keeps the callback; the isolate gets `[statement, rows]`. */
  #withCallbackOption(target: Record<string, (...a: unknown[]) => unknown>, method: string, option: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const options = { ...(args[0] as object), [option]: (error: unknown, statement: Record<string, () => unknown>, rows: unknown) => (error ? reject(error) : resolve([snowflakeStatementSnapshot(statement), rows])) };
      target[method]!(options, ...args.slice(1));
    });
  }

  #answer(module: string, result: unknown): InvokeAnswer {
    if (result && typeof (result as { then?: unknown }).then === "function") {
      const token = this.#next++;
      this.#pending.set(token, Promise.resolve(result));
      return { pending: token };
    }
    return { value: this.#toIsolate(result, 0, module) };
  }

  #handleOf(module: string, value: object): HandleDescriptor {
    const rule = (this.#rules.get(module) ?? []).find((candidate) => candidate.matches(value));
    if (!rule) throw new SandboxSdkUnsupportedError(`a ${value.constructor?.name ?? "value"} from ${module}`, "objects of this kind cannot be handed to the sandbox");
    if (this.#handles.size >= MAX_SDK_HANDLES) throw new Error(`too many SDK objects held by one connector (${MAX_SDK_HANDLES}); reuse clients instead of creating them per event`);
    const id = this.#next++;
    this.#handles.set(id, { value, rule });
    const props: HandleDescriptor["props"] = {};
    for (const [key, prop] of Object.entries(value)) {
      if (prop === null || ["string", "number", "boolean"].includes(typeof prop)) props[key] = prop as string | number | boolean | null;
    }
    const methods = Object.entries(rule.methods(value)).map(([name, method]) => (method.callbackOption ? { name, callbackOption: method.callbackOption } : { name }));
    const refused = Object.fromEntries(Object.entries(rule.refused ?? {}).map(([name, reason]) => [name, refusalMessage(`${rule.name}.${name}()`, reason)]));
    return { __sdkHandle: id, methods, props, refused, ...(AWS_REQUEST_LIKE.has(rule.name) ? { awsRequest: true } : {}) };
  }

  /** A host value as a copy for the isolate: data copied, SDK objects as handles, functions dropped. */
  #toIsolate(value: unknown, depth: number, module?: string): unknown {
    if (depth > MAX_DEPTH) throw new Error("an SDK result is nested too deeply to copy into the sandbox");
    if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
    if (value instanceof Date) return new Date(value.getTime());
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    if (Array.isArray(value)) return value.map((item) => this.#toIsolate(item, depth + 1, module));
    const owner = module ?? [...this.#rules.keys()].find((name) => this.#rules.get(name)!.some((rule) => rule.matches(value)));
    if (owner && (this.#rules.get(owner) ?? []).some((rule) => rule.matches(value))) return this.#handleOf(owner, value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== "function" && !(isPlainObject(value) ? false : key.startsWith("_"))) out[key] = this.#toIsolate(item, depth + 1, module);
    }
    return out;
  }

  /** An isolate value for an SDK call: handles back to their objects, bytes to Buffers. */
  #fromIsolate(value: unknown, depth: number): any {
    if (depth > MAX_DEPTH) throw new Error("an SDK argument is nested too deeply");
    if (value === null || typeof value !== "object") return value;
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((item) => this.#fromIsolate(item, depth + 1));
    const handle = (value as { __sdkHandle?: unknown }).__sdkHandle;
    if (typeof handle === "number") {
      const entry = this.#handles.get(handle);
      if (!entry) throw new Error(`SDK object ${handle} is gone`);
      return entry.value;
    }
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "__proto__").map(([key, item]) => [key, this.#fromIsolate(item, depth + 1)]));
  }
}
