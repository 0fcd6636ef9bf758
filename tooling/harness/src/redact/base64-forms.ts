/** Secrets at least this long are found inside base64 text by their aligned encodings. */
export const MIN_BASE64_SECRET = 8;

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

function toBase64Url(text: string): string {
  return text.replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * The base64 strings that appear inside **any** base64 encoding containing `secret` (for example
 * `Basic base64("id:" + secret)`), whatever bytes come before it: for each of the three alignments,
 * the encoding of the whole 3-byte groups that hold only secret bytes. Standard and URL-safe alphabets.
 */
export function alignedBase64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms = new Set<string>();
  for (let skip = 0; skip < 3; skip++) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole < 6) continue;
    const encoded = bytes.subarray(skip, skip + whole).toString("base64");
    forms.add(encoded);
    forms.add(toBase64Url(encoded));
  }
  return [...forms];
}

/** Replaces every base64 token (the whole run of base64 characters and its padding) holding `needle`. */
export function replaceBase64Tokens(text: string, needle: string, marker: string): string {
  let at = text.indexOf(needle);
  if (at === -1) return text;
  let out = "";
  let copied = 0;
  while (at !== -1) {
    let start = at;
    while (start > copied && BASE64_CHAR.test(text[start - 1]!)) start--;
    let end = at + needle.length;
    while (end < text.length && BASE64_CHAR.test(text[end]!)) end++;
    while (end < text.length && text[end] === "=") end++;
    out += text.slice(copied, start) + marker;
    copied = end;
    at = text.indexOf(needle, end);
  }
  return out + text.slice(copied);
}

// `+` then `=*` (not `{4,}={0,2}`): V8 overflows its stack on bounded quantifiers over megabyte runs.
const BASE64_TOKEN = /[A-Za-z0-9+/_-]+=*/g;
/** Longer tokens are payloads, not credentials; a long secret inside them is found by its aligned forms. */
const MAX_DECODED_TOKEN = 1024;
const PRINTABLE = /^[\x20-\x7e\t\r\n]*$/;

/**
 * Replaces base64 tokens whose decoded text is printable and holds a short secret (shorter than
 * {@link MIN_BASE64_SECRET}, too short for aligned encodings): `Basic dXNlcjpwdw==` for password `pw`.
 * `holds` decides whether the decoded text contains a secret.
 */
export function replaceDecodedTokens(text: string, holds: (decoded: string) => boolean, marker: string): string {
  return text.replace(BASE64_TOKEN, (token) => {
    if (token.length < 4 || token.length > MAX_DECODED_TOKEN || token.length % 4 === 1) return token;
    const decoded = Buffer.from(token.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
    return decoded.length >= 2 && PRINTABLE.test(decoded) && holds(decoded) ? marker : token;
  });
}
