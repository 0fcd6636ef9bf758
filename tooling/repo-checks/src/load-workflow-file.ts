import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument, type Document } from "yaml";

/** A workflow (`.github/workflows/*.yml`) or a composite action's metadata (`action.yml`). */
export type WorkflowFileKind = "workflow" | "action";

/** A parsed workflow or action file, with enough of the source kept to report lines and comments. */
export interface WorkflowFile {
  /** Path as given (repo-relative in reports). */
  file: string;
  kind: WorkflowFileKind;
  text: string;
  /** The plain JS value of the YAML document (`{}` when it is not a mapping). */
  data: Record<string, unknown>;
  document: Document;
  /** 1-based line of the node at `path`, or undefined when the path does not exist. */
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** YAML syntax errors, as messages. */
  syntaxErrors: string[];
}

/**
 * Parses workflow or action YAML text. Never throws: syntax errors are returned in `syntaxErrors`.
 *
 * @param file - the path used in reports
 * @param text - the YAML source
 * @param kind - defaults to `action` for files named `action.yml`/`action.yaml`, else `workflow`
 * @example
 * const wf = parseWorkflowFile(".github/workflows/ci.yml", "on: push\njobs: {}\n");
 */
export function parseWorkflowFile(file: string, text: string, kind: WorkflowFileKind = kindOf(file)): WorkflowFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  const data = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return {
    file,
    kind,
    text,
    data,
    document,
    syntaxErrors: document.errors.map((error) => error.message),
    lineOf(path) {
      const node: unknown = document.getIn(path, true);
      const range = node !== null && typeof node === "object" && "range" in node ? (node as { range?: number[] }).range : undefined;
      return range?.[0] === undefined ? undefined : lineCounter.linePos(range[0]).line;
    },
  };
}

/**
 * Reads and parses a workflow or action file from disk.
 *
 * @param path - absolute or cwd-relative path to read
 * @param file - the name used in reports (defaults to `path`)
 */
export async function loadWorkflowFile(path: string, file: string = path): Promise<WorkflowFile> {
  return parseWorkflowFile(file, await readFile(path, "utf8"));
}

function kindOf(file: string): WorkflowFileKind {
  return /(^|\/)action\.ya?ml$/.test(file) ? "action" : "workflow";
}
