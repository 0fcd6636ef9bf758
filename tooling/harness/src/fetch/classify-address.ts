import ipaddr from "ipaddr.js";

/**
 * Where an IP address leads, for egress decisions:
 * - `public`: a globally routed unicast address;
 * - `loopback`: this machine (127/8, ::1, and the IPv6 forms carrying a 127/8 address);
 * - `internal`: everything else (private, link-local incl. cloud metadata, CGNAT, unspecified,
 *   multicast, broadcast, reserved, documentation, unique-local, 6to4/Teredo tunnels, ...).
 */
export interface AddressClass {
  kind: "public" | "loopback" | "internal";
  /** ipaddr.js's name of the range (`private`, `linkLocal`, `unicast`, ...). */
  range: string;
  /** The address as classified: the IPv4 address an IPv6 form carries, else the address itself. */
  address: string;
}

/** The NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) whose last 32 bits are the IPv4 address. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR("64:ff9b::/96");

function lastIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const [high, low] = address.parts.slice(6) as [number, number];
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** True for ::a.b.c.d (IPv4-compatible, deprecated but still routed by some stacks); not :: or ::1. */
function isIPv4Compatible(address: ipaddr.IPv6): boolean {
  const parts = address.parts;
  return parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || (parts[7] ?? 0) > 1);
}

/** The IPv4 address an IPv6 address stands for (mapped, compatible, SIIT, NAT64 well-known), if any. */
function carriedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  const range = address.range();
  if (range === "rfc6145" || isIPv4Compatible(address)) return lastIPv4(address);
  if (range === "rfc6052" && address.match(NAT64_WELL_KNOWN)) return lastIPv4(address);
  return undefined;
}

function kindOf(range: string): AddressClass["kind"] {
  if (range === "unicast") return "public";
  return range === "loopback" ? "loopback" : "internal";
}

/**
 * Classifies an IP address (IPv6 may come in brackets). IPv6 forms that carry an IPv4 address count
 * as that IPv4 address. Returns undefined when `text` is not an IP address.
 *
 * @example
 * classifyAddress("::ffff:169.254.169.254") // { kind: "internal", range: "linkLocal", address: "169.254.169.254" }
 */
export function classifyAddress(text: string): AddressClass | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const valid = bare.includes(":") ? ipaddr.IPv6.isValid(bare) : ipaddr.IPv4.isValidFourPartDecimal(bare);
  if (!valid) return undefined;
  const parsed = ipaddr.parse(bare);
  const address = parsed.kind() === "ipv6" ? (carriedIPv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
  const range = address.range();
  return { kind: kindOf(range), range, address: address.toString() };
}

const LOOPBACK_NAMES = new Set(["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"]);

/** True for names that mean this machine: `localhost` (also with a final dot), `*.localhost`, `localhost.localdomain`, `ip6-localhost`, `ip6-loopback`. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return LOOPBACK_NAMES.has(name) || name.endsWith(".localhost");
}
