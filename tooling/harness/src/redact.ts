import type { InterceptedRequest, RecordedRequest } from "./fetch/types.ts";
import { MIN_BASE64_SECRET, alignedBase64Forms, replaceBase64Tokens, replaceDecodedTokens } from "./redact/base64-forms.ts";
import { secretStrings, textForms } from "./redact/secret-values.ts";

/**
 * Secrets shorter than this are redacted only where they stand alone (not inside a longer run of
 * letters and digits): hiding every "ab" inside every word would garble all output and still give
 * the value away by its gaps. Longer secrets are redacted wherever they appear.
 */
export const MIN_SUBSTRING_SECRET = 4;

const SENSITIVE_HEADER = /authorization|cookie|token|secret|api[-_]?key|password|signature|x-amz-security/i;

/** Replaces secret values in text. */
export type Redactor = (text: string) => string;

/** Marker that replaces a secret. */
export const REDACTED = "[REDACTED]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function standalone(forms: string[]): RegExp | undefined {
  if (!forms.length) return undefined;
  return new RegExp(`(?<![A-Za-z0-9])(?:${forms.map(escapeRegExp).join("|")})(?![A-Za-z0-9])`, "g");
}

interface Needles {
  /** Replaced wherever they appear, longest first. */
  anywhere: string[];
  /** Short secrets (and their forms), replaced only where they stand alone. */
  short: RegExp | undefined;
  /** Aligned base64 encodings: the whole base64 token holding one is replaced. */
  base64: string[];
  /** Secrets too short for aligned encodings, looked for in decoded base64 tokens. */
  decoded: string[];
}

function needlesFor(secrets: string[]): Needles {
  const anywhere = new Set<string>();
  const short = new Set<string>();
  for (const secret of secrets) {
    for (const form of textForms(secret)) (secret.length >= MIN_SUBSTRING_SECRET ? anywhere : short).add(form);
  }
  const base64 = secrets.filter((s) => s.length >= MIN_BASE64_SECRET).flatMap(alignedBase64Forms);
  const decoded = secrets.filter((s) => s.length < MIN_BASE64_SECRET);
  return { anywhere: [...anywhere].sort((a, b) => b.length - a.length), short: standalone([...short]), base64: [...new Set(base64)], decoded };
}

function holdsShortSecret(secrets: string[]): (decoded: string) => boolean {
  const long = secrets.filter((s) => s.length >= MIN_SUBSTRING_SECRET);
  const shortForms = secrets.filter((s) => s.length < MIN_SUBSTRING_SECRET);
  const bounded = shortForms.length ? new RegExp(standalone(shortForms)!.source) : undefined;
  return (decoded) => long.some((secret) => decoded.includes(secret)) || (bounded !== undefined && bounded.test(decoded));
}

/**
 * Builds the one redactor every output channel of a connector goes through (logs, recorded requests,
 * errors and their causes, code frames, captured events, jobs, metrics, CLI and studio output).
 * Each secret is hidden as `[REDACTED]` in every form it is likely to take: as is, URL- and
 * form-encoded, JSON-escaped, inside base64 (a `Basic base64(id:secret)` header), and the long
 * string leaves of a JSON secret. Secrets shorter than {@link MIN_SUBSTRING_SECRET} characters are
 * hidden only where they stand alone.
 *
 * @example
 * createRedactor(["s3cr3t-token"])("GET /?key=s3cr3t-token") // "GET /?key=[REDACTED]"
 */
export function createRedactor(secrets: Iterable<unknown>): Redactor {
  const values = secretStrings(secrets);
  if (values.length === 0) return (text) => text;
  const needles = needlesFor(values);
  const holds = needles.decoded.length ? holdsShortSecret(needles.decoded) : undefined;
  const redact = (text: string): string => {
    let out = text;
    for (const needle of needles.base64) out = replaceBase64Tokens(out, needle, REDACTED);
    for (const needle of needles.anywhere) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    if (needles.short) out = out.replace(needles.short, REDACTED);
    if (holds) out = replaceDecodedTokens(out, holds, REDACTED);
    return out;
  };
  return (text) => {
    if (typeof text !== "string" || text === "") return text;
    try {
      return redact(text);
    } catch {
      return `${REDACTED} (${text.length} characters that could not be checked for secrets)`;
    }
  };
}

/** Header names whose values are always hidden in recordings (authorization, tokens, keys, cookies). */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** Applies a redactor to every string inside a JSON-like value, object keys included (metric names, storage keys). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  }
  return value;
}

/** A request as recorded: url, headers and body redacted, sensitive headers hidden whatever they hold. */
export function redactRequest(request: InterceptedRequest, redact: Redactor): Omit<RecordedRequest, "via"> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = isSensitiveHeader(name) ? REDACTED : redact(value);
  return { method: request.method, url: redact(request.url), headers, body: redact(request.body) };
}
