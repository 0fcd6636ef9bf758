import { configFields, type PluginManifest } from "@connectors/plugin-api";
import { DEFAULT_PORTS, allowsHost } from "./allowed-host.ts";
import { classifyAddress, isLoopbackName, type AddressClass } from "./classify-address.ts";

/**
 * Which hosts a connector may call.
 * - `declared`: only plugin.json `allowedHosts` plus hosts named by config fields marked `format: "url" | "hostname"`;
 * - `public`: any public host (PostHog's rule for connectors that declare nothing);
 * - `off`: no check (trusted local debugging only).
 * In every mode but `off`, every address a connection goes to is checked: private, link-local,
 * reserved and other non-public addresses are refused, and loopback too unless `allowLoopback`.
 */
export interface EgressPolicy {
  mode: "declared" | "public" | "off";
  hosts: string[];
  allowLoopback: boolean;
}

/** Where a connection goes, by name: the host as spelled (normalised by the URL parser), its port and the scheme's default port. */
export interface EgressTarget {
  hostname: string;
  port: number;
  defaultPort: number;
}

function hostOf(value: string): string | undefined {
  try {
    return new URL(value.includes("://") ? value : `https://${value}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Hosts named by config values of fields marked as URLs or host names, exactly as given: a value
 * holding `*` (a pattern) adds nothing (config validation refuses it), and neither does a value equal
 * to the field's plugin.json default — defaults never widen the allow-list; a default host the
 * connector calls must be in `allowedHosts`.
 */
export function hostsFromConfig(manifest: Pick<PluginManifest, "config">, config: Record<string, unknown>): string[] {
  const hosts: string[] = [];
  for (const field of configFields(manifest)) {
    if (field.format !== "url" && field.format !== "hostname") continue;
    const value = config[field.key];
    if (typeof value !== "string" || value.trim() === "" || value.includes("*")) continue;
    if (typeof field.default === "string" && field.default.trim() === value.trim()) continue;
    const host = hostOf(value.trim());
    if (host !== undefined) hosts.push(host);
  }
  return hosts;
}

/** The default policy for a connector: `declared` when its manifest lists allowedHosts, else `public`. */
export function defaultEgressPolicy(manifest: PluginManifest, config: Record<string, unknown>, allowLoopback = false): EgressPolicy {
  const declared = manifest.allowedHosts !== undefined;
  return { mode: declared ? "declared" : "public", hosts: [...(manifest.allowedHosts ?? []), ...hostsFromConfig(manifest, config)], allowLoopback };
}

const RANGE_WORDS: Readonly<Record<string, string>> = {
  private: "private",
  linkLocal: "link-local (cloud metadata lives here)",
  carrierGradeNat: "carrier-grade NAT (shared, private)",
  uniqueLocal: "unique-local (private)",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
  reserved: "reserved",
};

function shown(text: string, address: AddressClass): string {
  return address.address === text.replace(/^\[|\]$/g, "") ? text : `${text} (${address.address})`;
}

/** Why a connection to this IP address is refused, or undefined. IPv6 forms carrying an IPv4 address are judged as that address. */
export function addressDenial(address: string, policy: EgressPolicy): string | undefined {
  if (policy.mode === "off") return undefined;
  const classified = classifyAddress(address);
  if (!classified) return `${address} is not an IP address`;
  if (classified.kind === "public") return undefined;
  if (classified.kind === "loopback") return policy.allowLoopback ? undefined : `${shown(address, classified)} is a loopback address`;
  return `${shown(address, classified)} is a ${RANGE_WORDS[classified.range] ?? `non-public (${classified.range})`} address`;
}

function display(target: EgressTarget): string {
  return target.port === target.defaultPort ? target.hostname : `${target.hostname}:${target.port}`;
}

function notAllowed(target: EgressTarget, policy: EgressPolicy): string {
  const listed = policy.hosts.join(", ") || "empty";
  const sameName = policy.hosts.some((entry) => allowsHost(entry.replace(/:\d+$/, ""), target.hostname, target.defaultPort, target.defaultPort));
  if (sameName) return `port ${target.port} of ${target.hostname} is not allowed (allowedHosts: ${listed}; an entry without a port admits only the scheme's default port ${target.defaultPort}). Fix: name the port in "allowedHosts", e.g. "${target.hostname}:${target.port}"`;
  return `${display(target)} is not in plugin.json "allowedHosts" (${listed}). Fix: add it to "allowedHosts", or mark the config field that holds it with "format": "url"`;
}

/**
 * Why a connection to `target` is refused by its name, or undefined when the name may be tried (its
 * resolved addresses are checked separately, see {@link addressDenial}). IP literals are judged as
 * addresses; `localhost` and its variants are loopback.
 */
export function hostDenial(target: EgressTarget, policy: EgressPolicy): string | undefined {
  if (policy.mode === "off") return undefined;
  if (classifyAddress(target.hostname)) {
    const denial = addressDenial(target.hostname, policy);
    if (denial) return denial;
  } else if (isLoopbackName(target.hostname) && !policy.allowLoopback) {
    return `${target.hostname} is a loopback address`;
  }
  if (policy.mode === "public") return undefined;
  return policy.hosts.some((entry) => allowsHost(entry, target.hostname, target.port, target.defaultPort)) ? undefined : notAllowed(target, policy);
}

/** The host name, port and default port of an http(s) URL. */
export function targetOf(url: URL): EgressTarget {
  const defaultPort = DEFAULT_PORTS[url.protocol] ?? 443;
  return { hostname: url.hostname, port: url.port ? Number(url.port) : defaultPort, defaultPort };
}

/**
 * Why a request to `url` is refused under `policy` by its scheme and name, or undefined when it may
 * be tried. Requests that really go to the network have every resolved address checked too.
 *
 * @example
 * egressDenial(new URL("http://169.254.169.254/"), policy) // "169.254.169.254 is a link-local (cloud metadata lives here) address"
 */
export function egressDenial(url: URL, policy: EgressPolicy): string | undefined {
  if (policy.mode === "off") return undefined;
  if (url.protocol !== "https:" && url.protocol !== "http:") return `only http and https are allowed (got ${url.protocol})`;
  return hostDenial(targetOf(url), policy);
}

/** True for loopback names and addresses (127/8, ::1, the IPv6 forms carrying 127/8, localhost variants). */
export function isLoopback(hostname: string): boolean {
  return isLoopbackName(hostname) || classifyAddress(hostname)?.kind === "loopback";
}

/** True for IP addresses that are neither public nor loopback (private, link-local, reserved, ...). */
export function isPrivateAddress(hostname: string): boolean {
  return classifyAddress(hostname)?.kind === "internal";
}
