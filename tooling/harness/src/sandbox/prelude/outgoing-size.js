// Bounds what a value becomes once it leaves the isolate (runs inside the isolate, never in the host).
// The host copies a value with structured clone, which keeps shared references, but whatever reads it
// afterwards (JSON, the redactor, event validation, a queue) walks it as a tree: `a = [a, a]` nested 30
// times holds 31 objects and expands to 2^30 values, which held the host at 100% CPU for minutes. So
// the walk here measures the tree, charging a shared object every time it appears, and stops at the
// first limit crossed: it costs at most the limit, and runs under the calling hook's CPU budget.
// Sizes are estimates of the JSON text (close enough to bound the work, not an exact byte count).

const MAX_DEPTH = 1000;
const isArray = Array.isArray;
const keysOf = Object.keys;
const isView = ArrayBuffer.isView;
const DateCtor = Date;
const ArrayBufferCtor = ArrayBuffer;
const MapCtor = Map;
const SetCtor = Set;
const apply = Reflect.apply;
const mapForEach = Map.prototype.forEach;
const setForEach = Set.prototype.forEach;
const byteLengthOf = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;

/** Thrown when a value would be too large, too deep or circular once outside the isolate. */
export class OutgoingValueError extends RangeError {
  constructor(message, reason) {
    super(message);
    this.name = "OutgoingValueError";
    this.reason = reason;
  }
}

function primitiveBytes(value) {
  switch (typeof value) {
    case "string":
      return value.length + 2;
    case "number":
    case "bigint":
      return 8;
    case "boolean":
      return 5;
    default:
      return 4;
  }
}

/**
 * Throws OutgoingValueError when `value`, expanded as a tree, is larger than `maxBytes` (estimated as
 * JSON), deeper than 1000 levels or circular. `what` names the value in the message ("the result of processEvent").
 */
export function assertOutgoingSize(value, maxBytes, what) {
  let bytes = 0;
  const ancestors = [];
  const add = (n) => {
    bytes += n;
    if (bytes > maxBytes) {
      throw new OutgoingValueError(`${what} is larger than the sandbox lets leave it: more than ${maxBytes} bytes as JSON, counting a shared object each time it appears`, "size");
    }
  };
  const visit = (item, depth) => {
    if ((typeof item !== "object" && typeof item !== "function") || item === null) return add(primitiveBytes(item));
    if (typeof item === "function") return;
    if (depth >= MAX_DEPTH) throw new OutgoingValueError(`${what} is nested more than ${MAX_DEPTH} levels deep`, "depth");
    for (let i = 0; i < ancestors.length; i++) {
      if (ancestors[i] === item) throw new OutgoingValueError(`${what} contains a circular reference`, "circular");
    }
    if (item instanceof DateCtor) return add(26);
    if (item instanceof ArrayBufferCtor) return add(apply(byteLengthOf, item, []));
    if (isView(item)) return add(item.byteLength);
    ancestors[ancestors.length] = item;
    add(2);
    if (item instanceof MapCtor) apply(mapForEach, item, [(v, k) => (visit(k, depth + 1), visit(v, depth + 1))]);
    else if (item instanceof SetCtor) apply(setForEach, item, [(v) => visit(v, depth + 1)]);
    else if (isArray(item)) for (let i = 0; i < item.length; i++) (add(1), visit(item[i], depth + 1));
    else {
      const keys = keysOf(item);
      for (let i = 0; i < keys.length; i++) (add(keys[i].length + 3), visit(item[keys[i]], depth + 1));
    }
    ancestors.length -= 1;
  };
  visit(value, 0);
}
