import { createHash } from "node:crypto";
import { capabilitiesOf, type Capabilities } from "../../analysis/capabilities.ts";
import { analyzeConnector } from "../../analysis/connector-analysis.ts";
import type { ConnectorContext, Finding } from "../../types.ts";
import { isHostAllowed } from "../security/network-hosts.ts";

const RULE = "manifest/capability-change";

/** What a change adds to a connector's capabilities (nothing it removes). */
export interface CapabilityWidening {
  hosts: string[];
  secrets: string[];
  hostFields: string[];
  scheduled: string[];
  jobs: string[];
}

function isCovered(entry: string, base: readonly string[]): boolean {
  const pattern = entry.toLowerCase();
  if (!pattern.startsWith("*.")) return isHostAllowed(pattern.replace(/:\d+$/, ""), base) && base.some((b) => !b.includes(":") || b.toLowerCase() === pattern);
  return base.some((b) => b.toLowerCase().startsWith("*.") && (pattern === b.toLowerCase() || pattern.endsWith(b.toLowerCase().slice(1))));
}

/** The capabilities `head` has and `base` did not. */
export function widenCapabilities(base: Capabilities, head: Capabilities): CapabilityWidening {
  const added = (now: readonly string[], before: readonly string[]) => now.filter((item) => !before.includes(item)).sort();
  return {
    hosts: head.allowedHosts.filter((host) => !isCovered(host, base.allowedHosts)).sort(),
    secrets: added(head.secrets, base.secrets),
    hostFields: added(head.hostFields, base.hostFields),
    scheduled: added(head.scheduled, base.scheduled),
    jobs: added(head.jobs, base.jobs),
  };
}

/**
 * The acknowledgement token of a widening: `cap-` and 12 hex digits of sha256 over the slug and the
 * sorted additions. A maintainer acknowledges exactly this change; any further widening gets a new token.
 */
export function capabilityFingerprint(slug: string, widening: CapabilityWidening): string {
  return `cap-${createHash("sha256").update(JSON.stringify([slug, widening.hosts, widening.secrets, widening.hostFields, widening.scheduled, widening.jobs])).digest("hex").slice(0, 12)}`;
}

function describe(widening: CapabilityWidening): string {
  const list = (items: string[]) => items.map((item) => `\`${item}\``).join(", ");
  return [
    widening.hosts.length ? `egress to ${list(widening.hosts)}` : "",
    widening.secrets.length ? `new secret config ${list(widening.secrets)}` : "",
    widening.hostFields.length ? `new config fields that name a host ${list(widening.hostFields)}` : "",
    widening.scheduled.length ? `new scheduled tasks ${list(widening.scheduled)}` : "",
    widening.jobs.length ? `new jobs ${list(widening.jobs)}` : "",
  ].filter(Boolean).join("; ");
}

/**
 * Compares a connector's capabilities with its published version (the base ref, or the published
 * catalog / main for an outside submission): widened egress, a new secret, a new host-naming config
 * field, a new scheduled task or job is an error until a maintainer acknowledges that exact change
 * (PR comment `/review acknowledge-capabilities <slug> <token>` by an owner, member or collaborator,
 * or `--acknowledge-capabilities <token>` locally); then it stays in the report as a note.
 */
export function checkCapabilityChange(ctx: ConnectorContext): Finding[] {
  const base = ctx.base?.capabilities;
  if (!base || !ctx.manifest || ctx.status === "deleted") return [];
  const widening = widenCapabilities(base, capabilitiesOf(analyzeConnector(ctx), ctx.dir, ctx.manifest));
  const what = describe(widening);
  if (!what) return [];
  const token = capabilityFingerprint(ctx.slug, widening);
  const acknowledged = ctx.acknowledgedCapabilities.includes(token);
  return [{
    rule: RULE,
    category: "manifest",
    severity: acknowledged ? "info" : "error",
    file: `${ctx.dir}/plugin.json`,
    message: `${acknowledged ? "acknowledged: " : ""}widens what the published version (${ctx.base?.label ?? "base"}) may do: ${what} [${token}]`,
    fix: acknowledged ? "no action: a maintainer acknowledged this change" : `a maintainer reviews the new capabilities and acknowledges them with a PR comment \`/review acknowledge-capabilities ${ctx.slug} ${token}\` (locally: \`--acknowledge-capabilities ${token}\`)`,
  }];
}
