import { findingAt } from "../../ast/finding-at.ts";
import { analyzeConnector } from "../../analysis/connector-analysis.ts";
import { findRequestTargets } from "../../analysis/find-request-targets.ts";
import type { HostPattern } from "../../analysis/host-of-url.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const PRIVATE_HOST = /^(localhost|.*\.localhost|localhost\.localdomain|ip6-localhost|0\.0\.0\.0|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|::1?|f[cd][0-9a-f]{2}:.*|fe80:.*|metadata\.google\.internal)\.?$/i;

/** True when `host` is covered by an `allowedHosts` entry (`*.example.com` covers subdomains). */
export function isHostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowedHosts.some((entry) => {
    const pattern = entry.toLowerCase().replace(/:\d+$/, "");
    return pattern.startsWith("*.") ? name.endsWith(pattern.slice(1)) || name === pattern.slice(2) : name === pattern;
  });
}

/** True when every host ending in `suffix` is covered by a wildcard `allowedHosts` entry. */
function isSuffixAllowed(suffix: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    const pattern = entry.toLowerCase().replace(/:\d+$/, "");
    return pattern.startsWith("*.") && suffix.endsWith(pattern.slice(1));
  });
}

function describeHost(host: HostPattern): string | undefined {
  if (host.kind === "exact") return host.host;
  return host.kind === "suffix" ? `*${host.suffix}` : undefined;
}

/**
 * Compares every host the connector's code connects to (values followed into fetch, HTTP clients and
 * database clients, see `findRequestTargets`) with plugin.json `allowedHosts`: an undeclared host is
 * an error, a private or metadata address doubly so. Hosts taken from config, events or parameters
 * are decided at run time by the egress check.
 */
export function checkNetworkHosts(ctx: ConnectorContext): Finding[] {
  const allowed = ctx.manifest?.allowedHosts ?? [];
  const seen = new Set<string>();
  return findRequestTargets(analyzeConnector(ctx)).flatMap(({ source, node, sink, host }) => {
    const name = describeHost(host);
    if (!name) return [];
    if (host.kind === "exact" ? isHostAllowed(host.host, allowed) : host.kind === "suffix" && isSuffixAllowed(host.suffix, allowed)) return [];
    const finding = findingAt(source, node, "security/network-hosts", "security", "error",
      `${sink} connects to \`${name}\`${host.kind === "exact" && PRIVATE_HOST.test(host.host) ? " (a loopback, private or cloud-metadata address)" : ""}, which plugin.json \`allowedHosts\` does not declare`,
      `add "${name}" to "allowedHosts" in plugin.json (the egress allow-list), or take the URL from a config field with "format": "url"`);
    const key = `${finding.file}:${finding.line}:${name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [finding];
  });
}
