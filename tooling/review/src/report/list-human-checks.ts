import { isHostAllowed } from "../checks/security/network-hosts.ts";
import type { ConnectorContext, Finding } from "../types.ts";

/** What a maintainer must still look at for one connector: the judgement calls automation leaves. */
export function listHumanChecks(ctx: ConnectorContext, findings: readonly Finding[], dynamicRan: boolean): string[] {
  if (ctx.status === "deleted") return ["The connector is removed: confirm it is deprecated or revoked in the registry and that users were told."];
  const checks = ["Behaviour matches the connector's spec and README (static review does not judge logic)."];
  const baseHosts = ctx.base?.manifest?.allowedHosts ?? [];
  const newHosts = (ctx.manifest?.allowedHosts ?? []).filter((host) => !isHostAllowed(host, baseHosts) || ctx.base === undefined);
  if (newHosts.length) checks.push(`New hosts in \`allowedHosts\`: ${newHosts.map((h) => `\`${h}\``).join(", ")} — are they the service's official endpoints?`);
  const deps = findings.filter((f) => f.rule === "security/new-dependencies" && f.severity !== "info");
  if (deps.length) checks.push(`New dependencies (${deps.length}): licence, size, maintenance, install scripts.`);
  const unreadable = findings.filter((f) => f.rule === "security/unreviewable-file" || f.rule === "security/unparsable-source");
  if (unreadable.length) checks.push(`Files static review could not read: ${unreadable.map((f) => `\`${f.file}\``).join(", ")}.`);
  const infos = findings.filter((f) => f.severity === "info" && f.category === "best-practices");
  if (infos.length) checks.push(`${infos.length} note(s) for cloud suitability and style (info findings below).`);
  if (ctx.sources.some((s) => s.isTest)) checks.push("Test files are not security-scanned: skim them before running the tests with secrets.");
  if (!dynamicRan) checks.push("Tests, conformance and performance were not run in this review (static only): run `pnpm connectors review --dynamic` or see CI.");
  return checks;
}
