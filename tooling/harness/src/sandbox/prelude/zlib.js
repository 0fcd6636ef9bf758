// `zlib` for the isolate: the one-shot (de)compression functions, computed by the host on copies.
import { Buffer } from "buffer";
import { callHost } from "./bridge.js";

const SYNC = ["gzipSync", "gunzipSync", "deflateSync", "inflateSync", "deflateRawSync", "inflateRawSync", "unzipSync", "brotliCompressSync", "brotliDecompressSync"];

function toInput(data) {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${typeof data}`);
}

/** The `zlib` module a sandboxed connector gets (sync and callback forms; no streams). */
export function createZlibModule() {
  const zlib = { constants: callHost("zlib.constants", []) };
  for (const name of SYNC) {
    const run = (data, options) => {
      const out = callHost("zlib.run", [name, toInput(data), options]);
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    };
    zlib[name] = run;
    zlib[name.slice(0, -4)] = (data, options, callback) => {
      if (typeof options === "function") [options, callback] = [undefined, options];
      Promise.resolve().then(() => {
        let out;
        try {
          out = run(data, options);
        } catch (error) {
          return callback(error);
        }
        return callback(null, out);
      });
    };
  }
  return { ...zlib, default: zlib };
}
