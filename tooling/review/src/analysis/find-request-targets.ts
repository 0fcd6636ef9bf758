import ts from "typescript";
import { walk } from "../ast/walk.ts";
import type { ParsedSource } from "../types.ts";
import type { ConnectorAnalysis } from "./connector-analysis.ts";
import { hostOfName, hostOfUrl, type HostPattern } from "./host-of-url.ts";
import type { Environment } from "./value-evaluator.ts";
import { alternatives, stringify, type Value } from "./value.ts";

/** A host a request sink may connect to. */
export interface RequestTarget {
  source: ParsedSource;
  node: ts.CallExpression | ts.NewExpression;
  /** What makes the connection (`fetch`, `pg`, `WebSocket`, `axios`, ...). */
  sink: string;
  host: HostPattern;
}

type TargetShape = "request" | "connection";
interface SinkArgument {
  sink: string;
  shape: TargetShape;
  argument: ts.Expression;
}

/** HTTP client packages whose calls take a URL (or a request object) first. */
const HTTP_CLIENTS = new Set(["node-fetch", "undici", "cross-fetch", "isomorphic-fetch", "axios", "got", "needle", "superagent", "ky", "request"]);
/** Database clients whose constructor or query helper takes connection settings first. */
const CONNECTION_SINKS: Readonly<Record<string, readonly string[]>> = { pg: ["Client", "Pool"], "@connectors/connector-kit/pg": ["runQuery"] };
const MAX_CONTEXTS = 16;
const MAX_CALL_DEPTH = 3;

function calleeName(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) return calleeName(node.expression);
  return undefined;
}

function sinkOf(node: ts.CallExpression | ts.NewExpression, callee: Value): SinkArgument | undefined {
  const argument = node.arguments?.[0];
  if (!argument) return undefined;
  for (const option of alternatives(callee)) {
    if (option.kind === "intrinsic" && ["fetch", "WebSocket", "EventSource"].includes(option.name)) return { sink: option.name, shape: "request", argument };
    if (option.kind !== "import") continue;
    if (HTTP_CLIENTS.has(option.module)) return { sink: option.module, shape: "request", argument };
    if (CONNECTION_SINKS[option.module]?.includes(option.path.at(-1) ?? "")) return { sink: option.module, shape: "connection", argument };
  }
  return calleeName(node.expression) === "fetch" && ts.isCallExpression(node) ? { sink: "fetch", shape: "request", argument } : undefined;
}

function hostsOf(value: Value, shape: TargetShape): HostPattern[] {
  return alternatives(value).flatMap((option): HostPattern[] => {
    if (option.kind === "string") return [hostOfUrl(option.parts) ?? { kind: "unknown" }];
    if (option.kind !== "object") return [];
    const properties = option.properties;
    const url = properties.get("href") ?? properties.get("url") ?? properties.get(shape === "connection" ? "connectionString" : "baseURL");
    const name = properties.get("host") ?? properties.get("hostname");
    return [
      ...(url ? hostsOf(stringify(url), shape) : []),
      ...(name ? alternatives(stringify(name)).flatMap((text) => (text.kind === "string" ? [hostOfName(text.parts)] : [])) : []),
    ];
  });
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let at = node.parent; at; at = at.parent) if (ts.isFunctionLike(at) && "body" in at) return at as ts.FunctionLikeDeclaration;
  return undefined;
}

/**
 * Finds every host the connector's code may connect to, by following values into request sinks:
 * `fetch` (global, `meta.fetch`, a destructured or passed-in `fetch`), HTTP client packages, pg
 * `Client` / `Pool` and connector-kit `runQuery` settings, `new URL(path, base)`, and the connector's
 * own helpers (a helper's parameter that reaches a sink is followed to each call site, three calls
 * deep). URL-shaped strings that never reach a sink (OAuth scopes, documentation links, log text)
 * are not hosts.
 */
export function findRequestTargets(analysis: ConnectorAnalysis): RequestTarget[] {
  const { values } = analysis;
  const calls: { source: ParsedSource; node: ts.CallExpression | ts.NewExpression }[] = [];
  for (const source of analysis.sources) walk(source.ast, (node) => void ((ts.isCallExpression(node) || ts.isNewExpression(node)) && calls.push({ source, node })));
  const callSites = new Map<ts.Node, (ts.CallExpression | ts.NewExpression)[]>();
  for (const { node } of calls) {
    for (const option of alternatives(values.evaluate(node.expression))) {
      if (option.kind === "function" && option.node) callSites.set(option.node, [...(callSites.get(option.node) ?? []), node]);
    }
  }
  const contexts = (fn: ts.FunctionLikeDeclaration | undefined, depth: number): (Environment | undefined)[] => {
    const sites = fn ? (callSites.get(fn) ?? []) : [];
    if (!fn || depth >= MAX_CALL_DEPTH || sites.length === 0) return [undefined];
    const found: (Environment | undefined)[] = [undefined];
    for (const site of sites) {
      for (const outer of contexts(enclosingFunction(site), depth + 1)) {
        if (found.length >= MAX_CONTEXTS) return found;
        const env = new Map(outer ?? []);
        fn.parameters.forEach((parameter, index) => {
          const argument = site.arguments?.[index];
          if (argument) env.set(parameter, values.evaluate(argument, outer));
        });
        found.push(env);
      }
    }
    return found;
  };
  const targets: RequestTarget[] = [];
  for (const { source, node } of calls) {
    const sink = sinkOf(node, values.evaluate(node.expression));
    if (!sink) continue;
    const seen = new Set<string>();
    for (const env of contexts(enclosingFunction(node), 0)) {
      for (const host of hostsOf(values.evaluate(sink.argument, env), sink.shape)) {
        const key = JSON.stringify(host);
        if (seen.has(key)) continue;
        seen.add(key);
        targets.push({ source, node, sink: sink.sink, host });
      }
    }
  }
  return targets;
}
