// TextEncoder / TextDecoder / atob / btoa for the isolate, on top of the bundled `buffer` package.
import { Buffer } from "buffer";

export class TextEncoder {
  get encoding() {
    return "utf-8";
  }
  encode(input = "") {
    const buf = Buffer.from(String(input), "utf8");
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  }
}

export class TextDecoder {
  #encoding;
  constructor(encoding = "utf-8") {
    const e = String(encoding).toLowerCase();
    if (e !== "utf-8" && e !== "utf8") throw new RangeError(`The "${encoding}" encoding is not supported in the sandbox`);
    this.#encoding = "utf-8";
  }
  get encoding() {
    return this.#encoding;
  }
  decode(input) {
    if (input === undefined) return "";
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

export function btoa(input) {
  const s = String(input);
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) throw new Error("Invalid character");
  return Buffer.from(s, "latin1").toString("base64");
}

export function atob(input) {
  return Buffer.from(String(input).replace(/[\t\n\f\r ]/g, ""), "base64").toString("latin1");
}
