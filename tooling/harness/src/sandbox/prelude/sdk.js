// The vendor SDKs inside the isolate: facades whose objects are numbered handles of the real SDK
// objects on the host (see sdk/sandbox-sdk-host.ts). Arguments and results cross as copies; a trailing
// callback stays here and is called with the outcome; only the methods the host allows exist.
import { Buffer } from "buffer";
import { callHost, callHostAsync } from "./bridge.js";

/** Bytes from the host become Buffers, handles become facades; everything else is data. */
function decode(value) {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value.__sdkHandle === "number") return facadeOf(value);
  const out = {};
  for (const key of Object.keys(value)) out[key] = decode(value[key]);
  return out;
}

const HANDLE = Symbol("sdkHandle");

/** Arguments for the host: facades become handle references; functions cannot cross. */
function encode(value, path) {
  if (typeof value === "function") throw new TypeError(`${path} is a function; SDK calls in the sandbox take data (and a trailing callback) only`);
  if (value === null || typeof value !== "object") return value;
  if (value[HANDLE] !== undefined) return { __sdkHandle: value[HANDLE] };
  if (value instanceof Uint8Array || value instanceof Date) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map((item, i) => encode(item, `${path}[${i}]`));
  const out = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined) out[key] = encode(value[key], `${path}.${key}`);
  }
  return out;
}

/** The host's answer to a call: a value now, or a promise of one. */
function settle(answer) {
  return "pending" in answer ? callHostAsync("sdk.await", [answer.pending]).then(decode) : decode(answer.value);
}

function isThenable(value) {
  return value !== null && typeof value === "object" && typeof value.then === "function";
}

/** Calls back node-style: google's promises resolve arrays (spread), aws requests resolve data. */
function callBack(outcome, callback) {
  const promise = outcome && outcome.promise && outcome[HANDLE] !== undefined ? outcome.promise() : Promise.resolve(outcome);
  promise.then(
    (value) => (Array.isArray(value) && !outcome.promise ? callback(null, ...value) : callback(null, value)),
    (error) => callback(error),
  );
}

function invoke(handle, method, args) {
  const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
  const outcome = settle(callHost("sdk.invoke", [handle, method, encode(args, method)]));
  if (!callback) return outcome;
  callBack(outcome, callback);
  return isThenable(outcome) ? undefined : outcome;
}

/** snowflake `execute({ sqlText, binds, complete })`: complete(err, statement, rows) from the host's outcome. */
function invokeWithCallbackOption(handle, method, option, args) {
  const options = args[0] ?? {};
  const callback = options[option];
  const { [option]: _dropped, ...rest } = options;
  const outcome = settle(callHost("sdk.invoke", [handle, method, [encode(rest, method), ...args.slice(1).map((a, i) => encode(a, `${method}[${i + 1}]`))]]));
  const statement = statementFacade({ sqlText: options.sqlText });
  outcome.then(
    ([snapshot, rows]) => {
      Object.assign(statement._snapshot, snapshot);
      if (typeof callback === "function") callback(null, statement, rows);
    },
    (error) => {
      if (typeof callback === "function") callback(error, statement);
    },
  );
  return statement;
}

/** A finished snowflake statement's facts (copied), behind the driver's getters. */
function statementFacade(snapshot) {
  const get = (name) => () => statement._snapshot[name];
  const statement = {
    _snapshot: snapshot,
    getStatementId: get("statementId"),
    getQueryId: get("statementId"),
    getSqlText: get("sqlText"),
    getStatus: get("status"),
    getNumRows: get("numRows"),
    getNumUpdatedRows: get("numUpdatedRows"),
    getColumns: () => (statement._snapshot.columns ?? []).map((c) => ({ getName: () => c.name, getType: () => c.type })),
  };
  return statement;
}

function facadeOf(descriptor) {
  const handle = descriptor.__sdkHandle;
  const facade = { ...descriptor.props };
  Object.defineProperty(facade, HANDLE, { value: handle });
  for (const { name, callbackOption } of descriptor.methods) {
    facade[name] = callbackOption ? (...args) => invokeWithCallbackOption(handle, name, callbackOption, args) : (...args) => invoke(handle, name, args);
  }
  for (const [name, message] of Object.entries(descriptor.refused ?? {})) {
    facade[name] = () => {
      throw new Error(message);
    };
  }
  if (descriptor.awsRequest) {
    facade.send = (callback) => facade.promise().then((data) => callback && callback(null, data), (error) => callback && callback(error));
    // Request events (httpUploadProgress, ...) are host-side; listeners are accepted and never called.
    facade.on = () => facade;
  }
  return facade;
}

/** A constructor usable with `new` (and without, as aws-sdk allows) that builds the host object. */
function hostClass(module, name, defaults) {
  const construct = (...args) => {
    const options = defaults ? { ...defaults(), ...(args[0] ?? {}) } : args[0];
    return facadeOf(callHost("sdk.new", [module, name, [encode(options ?? {}, `new ${name}()`), ...args.slice(1).map((a, i) => encode(a, `new ${name}()[${i + 1}]`))]]));
  };
  const Class = function (...args) {
    return construct(...args);
  };
  Object.defineProperty(Class, "name", { value: name });
  return Class;
}

/** aws-sdk's `AWS.config`: kept in the isolate, given to every service the connector creates. */
function createAwsConfig() {
  const config = {
    update(options = {}) {
      Object.assign(config, options);
    },
  };
  Object.defineProperty(config, "update", { enumerable: false });
  return config;
}

function dataOf(config) {
  return JSON.parse(JSON.stringify(config));
}

/** `require(name)` of a vendor SDK inside the isolate. */
export function createSdkModule(name) {
  const described = callHost("sdk.describe", [name]);
  if (described.awsService) return hostClass(name, "default", () => ({}));
  const module = {};
  if (name === "aws-sdk") {
    const config = createAwsConfig();
    module.config = config;
    for (const service of described.classes) module[service] = hostClass(name, service, () => dataOf(config));
    module.Credentials = function Credentials(accessKeyId, secretAccessKey, sessionToken) {
      if (accessKeyId && typeof accessKeyId === "object") return { ...accessKeyId };
      return { accessKeyId, secretAccessKey, sessionToken };
    };
  }
  if (name !== "aws-sdk") for (const cls of described.classes) module[cls] = hostClass(name, cls);
  for (const fn of described.functions) module[fn] = (...args) => settleSync(callHost("sdk.call", [name, fn, encode(args, fn)]));
  module.default = module;
  return module;
}

function settleSync(answer) {
  return settle(answer);
}
