import { ConnectorsError } from "@connectors/plugin-api";
import { formatLocation, type SourceLocation } from "@connectors/harness";

/** An error as the CLI reports it (the `error` of `--json` output). */
export interface DescribedError {
  name: string;
  code?: string;
  message: string;
  /** Where in the connector's source it was thrown (`{ file: "plugins/x/lib/y.ts", line, column }`). */
  location?: SourceLocation;
  /** The connector's frames, innermost first, mapped to their sources. */
  stack?: SourceLocation[];
  /** Source lines around `location`. */
  codeFrame?: string;
}

/** What the CLI knows about a thrown value: name, code, message and, for connector code, where it was thrown. */
export function describeError(error: unknown): DescribedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const traced = error as { location?: SourceLocation; connectorStack?: SourceLocation[]; codeFrame?: string };
  return {
    name: error.name,
    ...(error instanceof ConnectorsError ? { code: error.code } : {}),
    message: error.message,
    ...(traced.location ? { location: traced.location } : {}),
    ...(traced.connectorStack?.length ? { stack: traced.connectorStack } : {}),
    ...(traced.codeFrame ? { codeFrame: traced.codeFrame } : {}),
  };
}

/** The text form: the message, then `at plugins/x/lib/y.ts:12:5` and the code frame (all connector frames with `debug`). */
export function renderErrorText(described: DescribedError, debug: boolean): string {
  const lines = [`error: ${described.message}`];
  if (described.location) {
    const frames = debug && described.stack ? described.stack : [described.location];
    for (const frame of frames) lines.push(`    at ${frame.function ? `${frame.function} (${formatLocation(frame)})` : formatLocation(frame)}`);
    if (described.codeFrame) lines.push("", described.codeFrame.replace(/^/gm, "  "));
  }
  return `${lines.join("\n")}\n`;
}
