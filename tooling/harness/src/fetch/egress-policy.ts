import { isIP } from "node:net";
import { configFields, type PluginManifest } from "@connectors/plugin-api";

/**
 * Which hosts a connector may call.
 * - `declared`: only plugin.json `allowedHosts` plus hosts named by config fields marked `format: "url" | "hostname"`;
 * - `public`: any public host (PostHog's rule for connectors that declare nothing);
 * - `off`: no check (trusted local debugging only).
 * Private, loopback and link-local addresses are refused in every mode but `off`, unless `allowLoopback`.
 */
export interface EgressPolicy {
  mode: "declared" | "public" | "off";
  hosts: string[];
  allowLoopback: boolean;
}

function hostOf(value: string): string | undefined {
  try {
    return new URL(value.includes("://") ? value : `https://${value}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Hosts named by config values of fields marked as URLs or host names. */
export function hostsFromConfig(manifest: Pick<PluginManifest, "config">, config: Record<string, unknown>): string[] {
  return configFields(manifest)
    .filter((field) => field.format === "url" || field.format === "hostname")
    .map((field) => config[field.key])
    .filter((value): value is string => typeof value === "string" && value.trim() !== "")
    .map((value) => hostOf(value.trim()))
    .filter((host): host is string => host !== undefined);
}

/** The default policy for a connector: `declared` when its manifest lists allowedHosts, else `public`. */
export function defaultEgressPolicy(manifest: PluginManifest, config: Record<string, unknown>, allowLoopback = false): EgressPolicy {
  const declared = manifest.allowedHosts !== undefined;
  return { mode: declared ? "declared" : "public", hosts: [...(manifest.allowedHosts ?? []), ...hostsFromConfig(manifest, config)], allowLoopback };
}

function ipv4Parts(ip: string): number[] {
  return ip.split(".").map(Number);
}

/** Loopback (127/8, ::1, localhost). */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || (isIP(h) === 4 && ipv4Parts(h)[0] === 127);
}

/** Private, link-local, unspecified, CGNAT, multicast or unique-local addresses (not loopback). */
export function isPrivateAddress(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(h) === 4) {
    const [a, b] = ipv4Parts(h) as [number, number];
    return a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (isIP(h) === 6) {
    if (h.startsWith("::ffff:")) return isPrivateAddress(h.slice(7)) || isLoopback(h.slice(7));
    return h === "::" || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith("ff");
  }
  return false;
}

function hostMatches(pattern: string, host: string, hostname: string): boolean {
  const p = pattern.toLowerCase();
  const target = p.includes(":") ? host : hostname;
  if (p.startsWith("*.")) return target.endsWith(p.slice(1));
  return target === p;
}

/**
 * Why a request to `url` is refused under `policy`, or undefined when it may go out.
 *
 * @example
 * egressDenial(new URL("http://169.254.169.254/"), policy) // "169.254.169.254 is a private or link-local address"
 */
export function egressDenial(url: URL, policy: EgressPolicy): string | undefined {
  if (policy.mode === "off") return undefined;
  if (url.protocol !== "https:" && url.protocol !== "http:") return `only http and https are allowed (got ${url.protocol})`;
  const hostname = url.hostname.toLowerCase();
  if (isLoopback(hostname)) return policy.allowLoopback ? undefined : `${hostname} is a loopback address`;
  if (isPrivateAddress(hostname)) return `${hostname} is a private or link-local address`;
  if (policy.mode === "public") return undefined;
  if (policy.hosts.some((pattern) => hostMatches(pattern, url.host.toLowerCase(), hostname))) return undefined;
  return `${url.host} is not in plugin.json "allowedHosts" (${policy.hosts.join(", ") || "empty"}). Fix: add it to "allowedHosts", or mark the config field that holds it with "format": "url"`;
}
