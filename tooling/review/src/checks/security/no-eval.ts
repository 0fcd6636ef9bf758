import ts from "typescript";
import { findingAt } from "../../ast/finding-at.ts";
import { analyzeConnector, type ConnectorAnalysis } from "../../analysis/connector-analysis.ts";
import { findReachedIntrinsics } from "../../analysis/find-reached-intrinsics.ts";
import { isCodeGenerator, UNKNOWN_CONSTRUCTOR } from "../../analysis/intrinsics.ts";
import { alternatives, originsOf } from "../../analysis/value.ts";
import { walk } from "../../ast/walk.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const RULE = "security/no-eval";
const FIX = "remove runtime code generation; write the logic as plain functions";
const TIMERS = new Set(["setTimeout", "setInterval", "setImmediate"]);

function describe(node: ts.Node, source: { ast: ts.SourceFile }): string {
  const text = node.getText(source.ast).replace(/\s+/g, " ");
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isIntrinsic(value: ReturnType<ConnectorAnalysis["values"]["evaluate"]>, test: (name: string) => boolean): boolean {
  return alternatives(value).some((option) => option.kind === "intrinsic" && test(option.name));
}

/** Calls of `x.constructor` where x is unknown: the Function constructor whenever x is a function. */
function unknownConstructorCalls(analysis: ConnectorAnalysis): Finding[] {
  const found: Finding[] = [];
  for (const source of analysis.sources) {
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
      if (!isIntrinsic(analysis.values.evaluate(node.expression), (name) => name === UNKNOWN_CONSTRUCTOR)) return;
      found.push(findingAt(source, node, RULE, "security", "error", `\`${describe(node.expression, source)}(…)\` calls the constructor of a value the review cannot determine; for any function that is the Function constructor`, FIX));
    });
  }
  return found;
}

/** Code generators called with text that comes from a package file, and timers given a string. */
function compiledText(analysis: ConnectorAnalysis): Finding[] {
  const found: Finding[] = [];
  for (const source of analysis.sources) {
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
      const first = node.arguments?.[0];
      if (!first) return;
      const callee = analysis.values.evaluate(node.expression);
      const timer = alternatives(callee).find((option) => option.kind === "intrinsic" && TIMERS.has(option.name));
      if (timer && alternatives(analysis.values.evaluate(first)).some((option) => option.kind === "string")) {
        found.push(findingAt(source, node, RULE, "security", "error", `\`${(timer as { name: string }).name}\` with a string argument evaluates code`, FIX));
      } else if (isIntrinsic(callee, isCodeGenerator)) {
        const files = node.arguments!.flatMap((arg) => originsOf(analysis.values.evaluate(arg))).filter((origin) => origin.startsWith("the package file"));
        if (files.length) found.push(findingAt(source, node, RULE, "security", "error", `compiles code read from ${[...new Set(files)].join(", ")} at run time`, FIX));
      }
    });
  }
  return found;
}

/**
 * Flags every route to runtime code generation, by value rather than spelling: `eval` and its aliases
 * (`(0, eval)(…)`, `const e = eval`), the Function constructor and its async / generator siblings
 * however reached (`Object.getPrototypeOf(function () {}).constructor`, `[]["constructor"]["constructor"]`,
 * names built with `+`, templates, `String.fromCharCode` or `join`, `Reflect.get`, destructuring),
 * WebAssembly compilation, calls of an undeterminable `.constructor`, string timers, and code
 * compiled from text the package ships (plugin.json, Markdown, any file).
 */
export function checkNoEval(ctx: ConnectorContext): Finding[] {
  const analysis = analyzeConnector(ctx);
  const reached = findReachedIntrinsics(analysis).filter(({ name }) => isCodeGenerator(name)).map(({ source, node, name, direct }) =>
    findingAt(source, node, RULE, "security", "error", direct ? `\`${name}\` evaluates code built at runtime` : `\`${describe(node, source)}\` reaches \`${name}\`, which compiles code at runtime (sandbox escape pattern)`, FIX),
  );
  return [...reached, ...unknownConstructorCalls(analysis), ...compiledText(analysis)];
}
