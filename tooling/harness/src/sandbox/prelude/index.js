// Entry of the in-isolate prelude (bundled by esbuild into one IIFE, run once per isolate before the
// connector's bundle). It captures the host callbacks, removes them from globalThis, installs
// PostHog's globals and leaves one entry object that the host takes a reference to and deletes.
import { Buffer } from "buffer";
import { assertLeavable, callHost, connectHost, settleOp, pendingOpCount } from "./bridge.js";
import { OutgoingValueError } from "./outgoing-size.js";
import { AbortController, AbortSignal, Headers, Request, Response, createFetch } from "./fetch.js";
import { createLogger, createMeta, createPostHog } from "./meta.js";
import { createRequire, fireTimer } from "./modules.js";
import { TextDecoder, TextEncoder, atob, btoa } from "./text.js";
import { URL, URLSearchParams } from "./url.js";

const host = globalThis.__connectorsHost;
delete globalThis.__connectorsHost;
connectHost(host.sync, host.asyncBatch, host.maxValueBytes);
const hostDone = host.done;
// Intrinsics captured before connector code runs (it may replace the globals inside the isolate).
const stringify = JSON.stringify;
const parse = JSON.parse;
const toString = String;
const now = Date.now;
const KNOWN_EXPORTS = host.knownExports;

// Surfaces a plugin never had and that could bypass the limits' bookkeeping.
delete globalThis.WebAssembly;

class RetryError extends Error {
  constructor(message) {
    super(message);
    this.name = "RetryError";
  }
}
const isRetryError = (error) => error instanceof Error && error.name === "RetryError";

function forbidden(specifier) {
  const error = new Error(host.forbiddenMessage.replace("%s", specifier));
  error.name = "PluginLoadError";
  return error;
}

const consoleGlobal = createLogger("console");
const fetchGlobal = createFetch("fetch.global");
const posthogGlobal = createPostHog("global");
const require = createRequire({ RetryError, isRetryError, forbidden });
Object.assign(globalThis, {
  console: consoleGlobal,
  fetch: fetchGlobal,
  posthog: posthogGlobal,
  RetryError,
  URL,
  URLSearchParams,
  Buffer,
  TextEncoder,
  TextDecoder,
  atob,
  btoa,
  Headers,
  Request,
  Response,
  AbortController,
  AbortSignal,
});

let hooks = {};
let meta;
const global = {};

function isObject(value) {
  return (typeof value === "object" || typeof value === "function") && value !== null;
}

function isThenable(value) {
  return isObject(value) && typeof value.then === "function";
}

/** `then(value)` now, or once `value` settles when it is a promise (the batch paths' sync-or-async results). */
function whenSettled(value, then) {
  return isThenable(value) ? value.then(then) : then(value);
}

function knownKeys(value) {
  return isObject(value) ? KNOWN_EXPORTS.filter((name) => value[name] !== undefined) : [];
}

function ownKeys(value) {
  return isObject(value) ? Object.keys(value).filter((key) => key !== "__esModule" && key !== "default") : [];
}

/** PostHog's discovery order: named exports, then `export default {...}`, then bare functions. */
function discover(moduleExports, bare) {
  const candidates = [
    ["named", moduleExports],
    ["default", isObject(moduleExports) ? moduleExports.default : undefined],
    ["bare", bare],
  ];
  for (const [style, value] of candidates) {
    if (knownKeys(value).length === 0) continue;
    const exports = Object.fromEntries(knownKeys(value).map((name) => [name, value[name]]));
    const unknown = style === "bare" ? [] : ownKeys(value).filter((key) => !KNOWN_EXPORTS.includes(key));
    return { exports, unknown, style };
  }
  return { exports: {}, unknown: ownKeys(moduleExports), style: "none" };
}

function jsonSafe(value) {
  try {
    return parse(stringify(value, (_key, v) => (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint" ? String(v) : v)) ?? "null");
  } catch {
    return `[${typeof value}]`;
  }
}

function describeValue(value) {
  if (typeof value === "function") return { kind: "function" };
  return { kind: "value", value: jsonSafe(value) };
}

/** An Error (or anything thrown) as a record the host can rebuild. */
function errorRecord(thrown) {
  if (thrown instanceof Error) {
    const record = { error: true, name: String(thrown.name), message: String(thrown.message), stack: String(thrown.stack ?? "") };
    if (typeof thrown.code === "string" || typeof thrown.code === "number") record.code = thrown.code;
    if (thrown.__hostErrorId !== undefined) record.hostErrorId = thrown.__hostErrorId;
    return record;
  }
  return { error: false, value: thrown };
}

/** `value` when it may leave the isolate, else a record of why not (see outgoing-size.js). */
function leavable(ok, value) {
  try {
    assertLeavable(value, ok ? "the value returned" : "the value thrown");
    return [ok, value];
  } catch (error) {
    if (!ok) return [false, { error: true, name: "Error", message: "threw a value too large, too deep or circular to leave the sandbox" }];
    const record = errorRecord(error);
    if (error instanceof OutgoingValueError) record.outgoing = { reason: error.reason, maxBytes: host.maxValueBytes };
    return [false, record];
  }
}

function finish(callId, okIn, valueIn, wasAsync) {
  const [ok, value] = leavable(okIn, valueIn);
  try {
    hostDone(callId, ok, value, wasAsync);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (ok) hostDone(callId, false, { error: true, name: "TypeError", message: `returned a value that cannot leave the sandbox (${reason}); return plain data (objects, arrays, strings, numbers, booleans, null, Dates)`, unserialisable: true }, wasAsync);
    else hostDone(callId, false, { error: false, value: describeThrownLocally(value) }, wasAsync);
  }
}

function describeThrownLocally(record) {
  try {
    return String(record.value);
  } catch {
    return `[${typeof record.value}]`;
  }
}

function settleWith(callId, run, direct = false) {
  let result;
  try {
    result = run();
  } catch (error) {
    return finish(callId, false, errorRecord(error), false);
  }
  let then;
  try {
    then = isObject(result) ? result.then : undefined;
  } catch (error) {
    return finish(callId, false, errorRecord(error), false);
  }
  if (typeof then !== "function") {
    // The batch paths' outcome (a JSON string, or an array of strings) goes back as the entry's return
    // value: one crossing, and plain strings run no connector code while the host copies them.
    if (direct) return result;
    return finish(callId, true, result, false);
  }
  Promise.resolve(result).then(
    (value) => finish(callId, true, value, true),
    (error) => finish(callId, false, errorRecord(error), true),
  );
}

/** A message as an event, or `{ error }` saying why it is not one (the harness's InvalidEventError wording). */
function readMessage(message) {
  let event;
  try {
    event = parse(message);
  } catch (error) {
    return { error: `not JSON (${error instanceof Error ? error.message : toString(error)}). Fix: send one JSON event object per message` };
  }
  if (!isObject(event) || Array.isArray(event)) return { error: `needs an event object (got ${event === null ? "null" : Array.isArray(event) ? "an array" : typeof event}). Fix: send JSON like {"event": "$pageview", "distinct_id": "u1", "properties": {}}` };
  if (typeof event.event !== "string" || event.event === "") return { error: `needs an event with a string "event" name (got ${stringify(event.event)}). Fix: add "event": "$pageview" (or your event's name)` };
  return event;
}

/** What processEvent returned, as the outgoing message. */
function toMessage(result, teamId) {
  if (!result) return null;
  if (typeof result !== "object") return { error: `processEvent returned ${typeof result}; return the event object, or null to drop it` };
  if (result.team_id !== teamId) return { error: `processEvent changed team_id (${teamId} -> ${toString(result.team_id)}); events cannot move between projects` };
  return stringify(result);
}

/**
 * A batch chunk queued behind another one starts with a fresh time limit, possibly after its batch's
 * deadline (epoch ms): near or past it, the chunk asks the host, which refuses a late start with the
 * batch's CPU limit error (late-host-call.ts). In time, no crossing.
 */
function checkChunkStart(deadline) {
  if (now() >= deadline - 2) callHost("deadline", []);
}

/** A processEventBatch-only connector's outcome for messages: the events it returned as JSON, then the rejected messages. */
function batchOnlyMessages(messages) {
  const events = [];
  const errors = [];
  for (let i = 0; i < messages.length; i++) {
    const event = readMessage(messages[i]);
    if (event.error) errors.push(event);
    else events.push(event);
  }
  return whenSettled(hooks.processEventBatch(events, meta), (out) => [...(out ?? []).map((event) => (event ? stringify(event) : null)), ...errors]);
}

function hookAt(path) {
  return path.length === 1 ? hooks[path[0]] : hooks.jobs?.[path[1]];
}

globalThis.__connectorsEntry = {
  /** Evaluates the connector (the host compiled its wrapper into globalThis.__connectorsModule). */
  evaluate(filename) {
    const wrapper = globalThis.__connectorsModule;
    delete globalThis.__connectorsModule;
    const module = { exports: {} };
    let bare;
    try {
      bare = wrapper(module, module.exports, require, fetchGlobal, posthogGlobal, consoleGlobal, RetryError, URL, URLSearchParams, Buffer, filename, "/");
    } catch (error) {
      const record = errorRecord(error);
      return toString(stringify({ ok: false, error: record.error ? record : { error: false, value: jsonSafe(record.value) } }));
    }
    const found = discover(module.exports, bare);
    hooks = found.exports;
    const exports = {};
    for (const [name, value] of Object.entries(found.exports)) {
      if (name === "jobs" && isObject(value) && typeof value !== "function") {
        exports.jobs = { kind: "jobs", jobs: Object.fromEntries(Object.entries(value).map(([job, fn]) => [job, describeValue(fn)])) };
      } else exports[name] = describeValue(value);
    }
    return toString(stringify({ ok: true, exports, unknown: found.unknown, style: found.style }));
  },
  /** (Re)builds meta from the host meta's copyable parts; `global` is kept across rebuilds. */
  initMeta(config, attachments, shape) {
    meta = createMeta(config, attachments, shape, global);
  },
  /** Calls a hook; the outcome goes to the host's `done` callback (now or when its promise settles). */
  invoke(callId, path, args, withMeta) {
    const fn = hookAt(path);
    return settleWith(callId, () => (withMeta ? fn(...args, meta) : fn(...args)));
  },
  /**
   * processEvent over a JSON array of events; the outcome is a JSON array (null for dropped events).
   * A processEventBatch-only connector's outcome is whatever array it returned.
   */
  processEventBatch(callId, json, deadline) {
    return settleWith(callId, () => {
      checkChunkStart(deadline);
      const events = parse(json);
      if (!hooks.processEvent && hooks.processEventBatch) {
        const out = hooks.processEventBatch(events, meta);
        return whenSettled(out, (v) => stringify(v ?? []));
      }
      const out = new Array(events.length);
      let pending = false;
      for (let i = 0; i < events.length; i++) {
        const result = hooks.processEvent(events[i], meta);
        if (isThenable(result)) pending = true;
        out[i] = result;
      }
      const encode = (all) => stringify(all.map((event) => event || null));
      return pending ? Promise.all(out).then(encode) : encode(out);
    }, true);
  },
  /**
   * processEvent over JSON messages (the ingestion shape): one outcome per message, the changed event as
   * JSON, null when dropped, or `{ error }` for a message that is not an event or whose team_id the hook
   * changed. A processEventBatch-only connector's outcome is the events it returned, then the errors.
   */
  processEventMessages(callId, messages, deadline) {
    return settleWith(callId, () => {
      checkChunkStart(deadline);
      if (!hooks.processEvent && hooks.processEventBatch) return batchOnlyMessages(messages);
      // One message at a time, encoded as soon as its hook returns: a chunk never holds all its events
      // alive at once (the GC cost itself was the young generation's size: see sandbox-options.ts).
      const outcomes = new Array(messages.length);
      let pending;
      for (let i = 0; i < messages.length; i++) {
        const event = readMessage(messages[i]);
        if (event.error) {
          outcomes[i] = event;
          continue;
        }
        const teamId = event.team_id;
        const result = hooks.processEvent(event, meta);
        if (isThenable(result)) (pending ??= []).push(Promise.resolve(result).then((value) => (outcomes[i] = toMessage(value, teamId))));
        else outcomes[i] = toMessage(result, teamId);
      }
      return pending ? Promise.all(pending).then(() => outcomes) : outcomes;
    }, true);
  },
  /** Host operations finished: `[opId, ok, value]` each; their continuations run before this entry returns. */
  settle(outcomes) {
    for (let i = 0; i < outcomes.length; i++) settleOp(outcomes[i][0], outcomes[i][1], outcomes[i][2]);
  },
  /** A createBuffer timeout fired on the host clock. */
  fireTimer(callId, id) {
    return settleWith(callId, () => fireTimer(id));
  },
  pendingOps: pendingOpCount,
};
