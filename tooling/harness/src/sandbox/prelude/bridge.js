// In-isolate side of the host bridge (runs inside the isolated-vm isolate, never in the host).
// The host installs two ivm.Callbacks; index.js captures them here and removes them from globalThis,
// so connector code can never reach them. Arguments and results cross as structured-clone copies.

let hostSync;
let hostAsync;
const pendingOps = new Map();
let nextOpId = 1;

/** Called once by index.js with the captured host callbacks. */
export function connectHost(sync, async) {
  hostSync = sync;
  hostAsync = async;
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
  const answer = hostSync(op, args);
  if (answer && answer.e) throw toIsolateError(answer.e);
  return answer ? answer.v : undefined;
}

/** Starts an asynchronous host operation; resolves or rejects when the host settles it. */
export function callHostAsync(op, args) {
  const id = nextOpId++;
  return new Promise((resolve, reject) => {
    pendingOps.set(id, { resolve, reject });
    const answer = hostAsync(op, args, id);
    if (answer && answer.e) {
      pendingOps.delete(id);
      reject(toIsolateError(answer.e));
    }
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
