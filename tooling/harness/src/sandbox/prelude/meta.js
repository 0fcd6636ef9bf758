// The `meta` a sandboxed hook receives: config and attachments are copies, `global` lives here,
// everything else calls back to the host meta handed to the hook (as copies, asynchronously).
import { Buffer } from "buffer";
import { callHost, callHostAsync } from "./bridge.js";
import { createFetch, toResponse } from "./fetch.js";
import { formatLogArgs } from "../../format-log-args.ts";
import { createInIsolateGeoIP } from "./geoip.js";

const LEVELS = ["debug", "info", "log", "warn", "error"];

/** console / meta.logger: formats here, writes on the host. */
export function createLogger(target) {
  const logger = {};
  for (const level of LEVELS) logger[level] = (...args) => void callHost("log", [target, level, formatLogArgs(args)]);
  return logger;
}

/** The `posthog` extension: capture and api calls made by the host. */
export function createPostHog(target) {
  const api = {};
  for (const method of ["get", "post", "put", "delete"]) {
    api[method] = (path, options) => callHostAsync("posthog.api", [target, method, path, options]).then(toResponse);
  }
  return { capture: (event, properties) => callHostAsync("posthog.capture", [target, event, properties]).then(() => undefined), api };
}

function methods(area, names) {
  const out = {};
  for (const name of names) out[name] = (...args) => callHostAsync("meta", [area, name, args]);
  return out;
}

function toAttachments(attachments) {
  const out = {};
  for (const [key, value] of Object.entries(attachments ?? {})) {
    if (!value) out[key] = value;
    else out[key] = { ...value, contents: typeof value.contents === "string" ? value.contents : Buffer.from(value.contents.buffer, value.contents.byteOffset, value.contents.byteLength) };
  }
  return out;
}

/** Builds the isolate meta. `shape` says which optional parts the host meta has. */
export function createMeta(config, attachments, shape, global) {
  const meta = {
    config,
    attachments: toAttachments(attachments),
    global,
    cache: methods("cache", ["set", "get", "incr", "expire", "lpush", "lrange", "llen", "lpop", "lrem"]),
    storage: methods("storage", ["set", "get", "del"]),
    utils: { cursor: methods("utils.cursor", ["init", "increment"]) },
    jobs: new Proxy(
      {},
      {
        get: (_, name) =>
          typeof name !== "string" || name === "then"
            ? undefined
            : (payload) => ({
                runNow: () => callHostAsync("jobs", [name, payload, "runNow", []]).then(() => undefined),
                runIn: (duration, unit) => callHostAsync("jobs", [name, payload, "runIn", [duration, unit]]).then(() => undefined),
                runAt: (date) => callHostAsync("jobs", [name, payload, "runAt", [date]]).then(() => undefined),
              }),
      },
    ),
    metrics: new Proxy(
      {},
      {
        get: (_, name) =>
          typeof name !== "string" || name === "then"
            ? undefined
            : {
                increment: (value = 1) => void callHost("metrics", [name, "increment", value]),
                max: (value) => void callHost("metrics", [name, "max", value]),
                min: (value) => void callHost("metrics", [name, "min", value]),
              },
      },
    ),
    fetch: createFetch("fetch.meta"),
    logger: createLogger("logger"),
    posthog: createPostHog("meta"),
  };
  if (shape.geoipDatabase) meta.geoip = createInIsolateGeoIP(shape.geoipDatabase);
  else if (shape.geoip) meta.geoip = methods("geoip", ["locate"]);
  return meta;
}
