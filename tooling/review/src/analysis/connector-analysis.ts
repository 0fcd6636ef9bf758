import { runtimeSources } from "../ast/finding-at.ts";
import type { ConnectorContext, ParsedSource } from "../types.ts";
import { createReviewProgram, type ReviewProgram } from "./review-program.ts";
import { ValueEvaluator } from "./value-evaluator.ts";

/** Name resolution and value evaluation over one connector's runtime sources, shared by every rule. */
export interface ConnectorAnalysis {
  sources: readonly ParsedSource[];
  program: ReviewProgram;
  values: ValueEvaluator;
}

const analyses = new WeakMap<ConnectorContext, ConnectorAnalysis>();

/** Builds the analysis of a set of runtime sources (not cached; {@link analyzeConnector} caches per context). */
export function analyzeSources(sources: readonly ParsedSource[]): ConnectorAnalysis {
  const program = createReviewProgram(sources);
  return { sources, program, values: new ValueEvaluator(program, sources) };
}

/**
 * The analysis of a connector's runtime sources, built once per review context (the rules are pure
 * functions of the context, so they share it).
 *
 * @example
 * const { values } = analyzeConnector(ctx);
 * values.evaluate(callExpression.arguments[0]); // { kind: "string", parts: ["https://api.example.com/", HOLE] }
 */
export function analyzeConnector(ctx: ConnectorContext): ConnectorAnalysis {
  const cached = analyses.get(ctx);
  if (cached) return cached;
  const analysis = analyzeSources(runtimeSources(ctx.sources));
  analyses.set(ctx, analysis);
  return analysis;
}
