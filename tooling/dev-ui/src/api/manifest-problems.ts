import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { validateManifest, type Issue, type ManifestStrictness } from "@connectors/plugin-api";
import type { SourceProblem } from "../studio-error.ts";
import { lineColumnAt } from "./line-column.ts";

function segments(pointer: string): Array<string | number> {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The offset of the JSON node a pointer names, or of its nearest existing parent (0 for the root). */
function offsetOf(root: Node | undefined, pointer: string): number {
  if (!root) return 0;
  const path = segments(pointer);
  for (let length = path.length; length > 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (!node) continue;
    // A property's value: point at its key, where the reader looks.
    return node.parent?.type === "property" ? node.parent.offset : node.offset;
  }
  return root.offset;
}

function fromIssue(text: string, root: Node | undefined, issue: Issue): SourceProblem {
  const { line, column } = lineColumnAt(text, offsetOf(root, issue.path));
  const where = issue.path ? `${issue.path}: ` : "";
  return { file: "plugin.json", line, column, severity: issue.severity, message: `${where}${issue.message}${issue.fix ? ` (fix: ${issue.fix})` : ""}` };
}

function fromParseError(text: string, error: ParseError, file: string): SourceProblem {
  const { line, column } = lineColumnAt(text, error.offset);
  return { file, line, column, severity: "error", message: `not valid JSON: ${printParseErrorCode(error.error)}` };
}

/** JSON syntax mistakes of a package file (fixtures, conformance.json, tsconfig.json...), each at its place. */
export function jsonSyntaxProblems(text: string, file: string): SourceProblem[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: file !== "tsconfig.json" });
  return errors.map((error) => fromParseError(text, error, file));
}

/**
 * Checks plugin.json text as the harness will: JSON syntax (with the place of the first mistake),
 * then the manifest schema and rules of `@connectors/plugin-api`, each issue placed at the line of
 * the field its JSON pointer names.
 */
export function manifestProblems(text: string, strictness: ManifestStrictness): SourceProblem[] {
  const syntax = jsonSyntaxProblems(text, "plugin.json");
  if (syntax.length) return syntax;
  const root = parseTree(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [{ file: "plugin.json", line: 1, column: 1, severity: "error", message: `not valid JSON: ${(error as Error).message}` }];
  }
  return validateManifest(parsed, { strictness }).issues.map((issue) => fromIssue(text, root, issue));
}
