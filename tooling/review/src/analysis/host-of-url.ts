import { HOLE, type StringPart } from "./value.ts";

/**
 * The host a URL (or connection string) names, as far as the review knows it: `exact`, a `suffix`
 * after a part taken from config or parameters (`https://kinesis.${region}.amazonaws.com` →
 * `.amazonaws.com`), or `unknown` (the host itself comes from config, an event or a parameter).
 */
export type HostPattern = { kind: "exact"; host: string } | { kind: "suffix"; suffix: string } | { kind: "unknown" };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const AUTHORITY_END = /[/?#]/;

/** The known text of `parts` from the start up to the first hole, and whether a hole follows. */
function takeAuthority(parts: readonly StringPart[]): StringPart[] {
  const authority: StringPart[] = [];
  for (const part of parts) {
    if (typeof part !== "string") {
      authority.push(HOLE);
      continue;
    }
    const end = part.search(AUTHORITY_END);
    if (end >= 0) {
      authority.push(part.slice(0, end));
      return authority;
    }
    authority.push(part);
  }
  return authority;
}

function stripUserAndPort(host: string): string {
  return host.slice(host.lastIndexOf("@") + 1).replace(/:\d*$/, "").replace(/^\[|\]$/g, "").toLowerCase();
}

/**
 * Reads the host out of a partly known URL or connection string.
 *
 * @example
 * hostOfUrl(["https://api.example.com/v1/", HOLE]); // { kind: "exact", host: "api.example.com" }
 * hostOfUrl(["https://kinesis.", HOLE, ".amazonaws.com/"]); // { kind: "suffix", suffix: ".amazonaws.com" }
 * hostOfUrl([HOLE, "/v1/events"]); // { kind: "unknown" }
 */
export function hostOfUrl(parts: readonly StringPart[]): HostPattern | undefined {
  const first = parts[0];
  if (typeof first !== "string") return { kind: "unknown" };
  const scheme = SCHEME.exec(first);
  const rest = scheme ? first.slice(scheme[0].length) : first.startsWith("//") ? first.slice(2) : undefined;
  if (rest === undefined) return undefined;
  const authority = takeAuthority([rest, ...parts.slice(1)]);
  const lastHole = authority.lastIndexOf(HOLE);
  if (lastHole < 0) {
    const host = stripUserAndPort(authority.join(""));
    return host ? { kind: "exact", host } : undefined;
  }
  const tail = authority.slice(lastHole + 1).join("");
  const suffix = stripUserAndPort(tail.includes("@") ? tail.slice(tail.lastIndexOf("@")) : tail);
  return suffix.startsWith(".") && suffix.length > 1 && !tail.includes("@") ? { kind: "suffix", suffix } : { kind: "unknown" };
}

/** A host given on its own (pg `host`, `hostname` options), as a pattern. */
export function hostOfName(parts: readonly StringPart[]): HostPattern {
  if (parts.every((part) => typeof part === "string")) return { kind: "exact", host: stripUserAndPort(parts.join("")) };
  const tail = parts.slice(parts.lastIndexOf(HOLE) + 1).join("").toLowerCase();
  return tail.startsWith(".") && tail.length > 1 ? { kind: "suffix", suffix: tail.replace(/:\d*$/, "") } : { kind: "unknown" };
}
