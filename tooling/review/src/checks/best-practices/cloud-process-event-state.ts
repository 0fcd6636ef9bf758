import ts from "typescript";
import { findHooks } from "../../ast/find-hooks.ts";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

/**
 * Notes storage, cache and fetch used inside processEvent: PostHog Cloud's policy forbids them there
 * ("you cannot use storage nor cache nor external calls in processEvent apps"). Reported as info: it
 * is fine self-hosted, and a maintainer decides for the cloud catalog.
 */
export function checkCloudProcessEventState(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) =>
    findHooks(source.ast, ["processEvent", "processEventBatch"]).flatMap((hook) => {
      const uses = new Map<string, ts.Node>();
      const metaNames = new Set(hook.metaNames);
      walk(hook.node, (node) => {
        if (!ts.isCallExpression(node)) return;
        const path = accessPath(node.expression) ?? "";
        const parts = path.split(".");
        const capability = ["storage", "cache"].find((name) => parts.includes(name) && (metaNames.has(parts[0]!) || parts[0] === name || parts[0] === "meta"));
        if (capability) uses.set(capability, uses.get(capability) ?? node);
        else if (path === "fetch" || path.endsWith(".fetch")) uses.set("fetch", uses.get("fetch") ?? node);
      });
      return [...uses].map(([capability, node]) =>
        findingAt(source, node, "best-practices/cloud-process-event-state", "best-practices", "info", `${hook.name} uses ${capability === "fetch" ? "an external call (fetch)" : `meta.${capability}`}, which PostHog Cloud does not allow in processEvent`, "keep processEvent pure for the cloud catalog: load data in setupPlugin, or move the work to onEvent"),
      );
    }),
  );
}
