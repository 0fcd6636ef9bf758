// In-isolate side of the host bridge (runs inside the isolated-vm isolate, never in the host).
// The host installs two ivm.Callbacks; index.js captures them here and removes them from globalThis,
// so connector code can never reach them. Arguments and results cross as structured-clone copies.

import { assertOutgoingSize } from "./outgoing-size.js";

let hostSync;
let hostAsyncBatch;
let maxValueBytes = Infinity;
const pendingOps = new Map();
let nextOpId = 1;
/** Asynchronous operations started since the last flush: `[op, args, id]`, sent to the host in one crossing. */
let queued = [];
const resolved = Promise.resolve();
const then = Promise.prototype.then;
const apply = Reflect.apply;

/** Called once by index.js with the captured host callbacks. */
export function connectHost(sync, asyncBatch, valueLimit) {
  hostSync = sync;
  hostAsyncBatch = asyncBatch;
  maxValueBytes = valueLimit;
}

/** How a host call reads in a message: `cache.set` rather than the bridge's `meta` operation. */
function callLabel(op, args) {
  return op === "meta" && typeof args[0] === "string" && typeof args[1] === "string" ? `${args[0]}.${args[1]}` : op;
}

/** Throws when a value handed to the host would be too large for it to walk (see outgoing-size.js). */
export function assertLeavable(value, what) {
  assertOutgoingSize(value, maxValueBytes, what);
}

/**
 * Sends the queued operations to the host in one crossing (each crossing costs ~15-20 µs, so the lookups
 * of a whole batch chunk go together). Runs at the end of the current turn, and before any synchronous
 * host call so the host still sees every operation in the order the connector made it.
 */
function flushQueued() {
  if (queued.length === 0) return;
  const requests = queued;
  queued = [];
  try {
    settleRefused(hostAsyncBatch(requests));
  } catch {
    // An argument could not be copied (nothing reached the host): send one by one so only its own operation fails.
    for (let i = 0; i < requests.length; i++) {
      try {
        settleRefused(hostAsyncBatch([requests[i]]));
      } catch (error) {
        const op = pendingOps.get(requests[i][2]);
        pendingOps.delete(requests[i][2]);
        op?.reject(error);
      }
    }
  }
}

function settleRefused(refused) {
  if (!refused) return;
  for (let i = 0; i < refused.length; i++) settleOp(refused[i][0], false, refused[i][1]);
}

/** Rebuilds an error the host reported (`{ name, message, code, hostErrorId }`) as an isolate Error. */
export function toIsolateError(record) {
  const Ctor = record.name === "TypeError" ? TypeError : record.name === "RangeError" ? RangeError : Error;
  const error = new Ctor(record.message);
  if (record.name && record.name !== Ctor.name) Object.defineProperty(error, "name", { value: record.name, writable: true, configurable: true });
  if (record.code !== undefined) error.code = record.code;
  if (record.fields) Object.assign(error, record.fields);
  if (record.hostErrorId !== undefined) Object.defineProperty(error, "__hostErrorId", { value: record.hostErrorId });
  return error;
}

/** Calls a synchronous host operation; throws what the host threw. */
export function callHost(op, args) {
  assertLeavable(args, `the arguments of ${callLabel(op, args)}`);
  flushQueued();
  const answer = hostSync(op, args);
  if (answer && answer.e) throw toIsolateError(answer.e);
  return answer ? answer.v : undefined;
}

/** Starts an asynchronous host operation; resolves or rejects when the host settles it. */
export function callHostAsync(op, args) {
  const id = nextOpId++;
  return new Promise((resolve, reject) => {
    assertLeavable(args, `the arguments of ${callLabel(op, args)}`);
    pendingOps.set(id, { resolve, reject });
    queued[queued.length] = [op, args, id];
    if (queued.length === 1) apply(then, resolved, [flushQueued]);
  });
}

/** The host settles an operation (entry point; runs under the owning hook call's CPU limit). */
export function settleOp(id, ok, value) {
  const op = pendingOps.get(id);
  if (!op) return;
  pendingOps.delete(id);
  if (ok) op.resolve(value);
  else op.reject(toIsolateError(value));
}

/** Number of operations waiting for the host (for tests and leak checks). */
export function pendingOpCount() {
  return pendingOps.size;
}
