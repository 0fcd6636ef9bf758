import type { ErrorObject } from "ajv";
import { errorIssue, type Issue } from "../issues.ts";
import { closestName, describeValue, typeOf } from "./describe-value.ts";

/** How to render paths and values for one validation. */
export interface HumanizeOptions {
  /** Is the value at this JSON pointer secret (never echo it)? */
  isSecret?: (path: string) => boolean;
  /** Formats a JSON pointer for messages, e.g. `/apiKey` -> `config.apiKey`. Default: the pointer. */
  label?: (path: string) => string;
}

type AjvError = ErrorObject<string, Record<string, any>, unknown>;

const BRANCHING = new Set(["oneOf", "anyOf"]);

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

function isBranchOf(error: AjvError, branching: AjvError): boolean {
  return error.schemaPath.startsWith(`${branching.schemaPath}/`);
}

function branchIndex(error: AjvError, branching: AjvError): number {
  return Number(error.schemaPath.slice(branching.schemaPath.length + 1).split("/")[0]);
}

/** A branch "does not apply" when it failed on the value's type or on a missing discriminating key. */
function branchDoesNotApply(errors: AjvError[], at: string): boolean {
  return errors.some((e) => e.instancePath === at && (e.keyword === "type" || e.keyword === "required"));
}

function describeAlternatives(branches: Map<number, AjvError[]>): string {
  const types = new Set<string>();
  const keys = new Set<string>();
  for (const errors of branches.values()) {
    for (const e of errors) {
      if (e.keyword === "type") types.add(String(e.params.type));
      if (e.keyword === "required") keys.add(`"${e.params.missingProperty}"`);
    }
  }
  if (keys.size > 0) return `needs ${[...keys].join(" or ")}`;
  return `must be ${[...types].map(withArticle).join(" or ")}`;
}

/** Keeps, for each oneOf/anyOf, only the errors of the branch that applies to the value. */
function pruneBranches(errors: AjvError[]): { kept: AjvError[]; synthesized: Issue[]; replaced: AjvError[] } {
  let kept = errors.filter((e) => !BRANCHING.has(e.keyword));
  const synthesized: Issue[] = [];
  const replaced: AjvError[] = [];
  for (const branching of errors.filter((e) => BRANCHING.has(e.keyword))) {
    const branches = new Map<number, AjvError[]>();
    for (const e of kept.filter((e) => isBranchOf(e, branching))) {
      const i = branchIndex(e, branching);
      branches.set(i, [...(branches.get(i) ?? []), e]);
    }
    const applicable = [...branches.entries()].filter(([, errs]) => !branchDoesNotApply(errs, branching.instancePath));
    const drop = new Set(kept.filter((e) => isBranchOf(e, branching)));
    // A branch without errors under its own schema path failed through a $ref: its errors are kept.
    const branchCount = Array.isArray(branching.schema) ? branching.schema.length : branches.size;
    const failedThroughRef = branches.size < branchCount;
    if (failedThroughRef) {
      // keep nothing of the attributed branches: the $ref branch is the one that applies
    } else if (applicable.length >= 1) {
      for (const e of applicable[0]![1]) drop.delete(e);
    } else {
      replaced.push(branching);
      synthesized.push(errorIssue(branching.instancePath, describeAlternatives(branches)));
    }
    kept = kept.filter((e) => !drop.has(e));
  }
  return { kept, synthesized, replaced };
}

/** The `description` a derived schema attaches to a conditional rule, as " (required when ...)". */
function because(error: AjvError): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description?.startsWith("required when") ? ` (${description})` : "";
}

function messageFor(error: AjvError, path: string, secret: boolean, label: string): Issue {
  const p = error.params;
  switch (error.keyword) {
    case "required":
      return errorIssue(path, `${label} is required${because(error)}`, `add "${p.missingProperty}"`);
    case "additionalProperties": {
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closestName(String(p.additionalProperty), known);
      return errorIssue(
        path,
        `${label} is not a known field`,
        guess ? `did you mean "${guess}"?` : `remove it${known.length ? ` (known: ${known.join(", ")})` : ""}`,
      );
    }
    case "type":
      return errorIssue(
        path,
        `${label} must be ${withArticle(String(p.type))} (got ${describeValue(error.data, secret)}, ${typeOf(error.data)})`,
        p.type === "string" && typeof error.data === "number" ? `write it as a string: "${secret ? "..." : error.data}"` : undefined,
      );
    case "enum":
      return errorIssue(
        path,
        `${label} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")} (got ${describeValue(error.data, secret)})`,
      );
    case "const":
      return errorIssue(path, `${label} must be ${JSON.stringify(p.allowedValue)}`);
    case "minLength":
      return errorIssue(path, p.limit === 1 ? `${label} must not be empty` : `${label} must have at least ${p.limit} characters`);
    case "maxLength":
      return errorIssue(path, `${label} must have at most ${p.limit} characters`);
    case "minItems":
      return errorIssue(path, `${label} must have at least ${p.limit} item${p.limit === 1 ? "" : "s"}`);
    case "maxItems":
      return errorIssue(path, `${label} must have at most ${p.limit} items`);
    case "uniqueItems":
      return errorIssue(path, `${label} has a duplicate (items ${p.j} and ${p.i} are equal)`, "remove the duplicate");
    case "format":
      return errorIssue(path, `${label} must be valid ${p.format === "json-text" ? "JSON text" : `${p.format}`} (got ${describeValue(error.data, secret)})`);
    case "pattern":
      return errorIssue(path, `${label} has an invalid format (got ${describeValue(error.data, secret)}, expected to match ${p.pattern})`);
    case "not":
      if ((error.schema as { pattern?: string }).pattern) {
        return errorIssue(path, `${label} still holds a template placeholder (got ${describeValue(error.data, secret)})`, "replace the placeholder with a real value");
      }
      return errorIssue(path, `${label} is required${because(error)} and must not be empty`, "give it a value");
    default:
      return errorIssue(path, `${label} ${error.message ?? "is invalid"}`);
  }
}

/**
 * Turns ajv errors into issues a person can act on: one per problem, with the JSON pointer of the
 * offending value, a message naming it, and a fix where one is obvious. Errors of oneOf/anyOf
 * branches that do not apply to the value are dropped.
 */
export function humanizeAjvErrors(errors: readonly AjvError[] | null | undefined, options: HumanizeOptions = {}): Issue[] {
  if (!errors?.length) return [];
  const { kept, synthesized, replaced } = pruneBranches([...errors]);
  const label = options.label ?? ((path: string) => path || "the document");
  const issues: Issue[] = synthesized.map((issue) => ({ ...issue, message: `${label(issue.path)} ${issue.message}` }));
  for (const error of kept) {
    if (error.keyword === "if") continue;
    if (replaced.some((r) => error.schemaPath.startsWith(r.schemaPath))) continue;
    const path =
      error.keyword === "required"
        ? `${error.instancePath}/${error.params.missingProperty}`
        : error.keyword === "additionalProperties"
          ? `${error.instancePath}/${error.params.additionalProperty}`
          : error.instancePath;
    const secret = options.isSecret?.(path) ?? false;
    issues.push(messageFor(error, path, secret, label(path)));
  }
  return dedupe(issues);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
