/** A place in a connector's source: `plugins/x/lib/y.ts:12:5` (line and column 1-based). */
export interface SourceLocation {
  /** The source file as errors name it: `plugins/<slug>/...` for workspace connectors, package-relative otherwise. */
  file: string;
  line: number;
  column: number;
  /** The function running there, when the stack names one. */
  function?: string;
}

/** Where in the connector an error came from: its first frame in the connector's own files, every connector frame, and a short code frame. */
export interface ConnectorTrace {
  location: SourceLocation;
  /** Frames inside the connector's bundle (its files, the toolkit, its dependencies), innermost first, mapped to their sources. */
  stack: SourceLocation[];
  /** A few source lines around `location` with a caret under the column (secrets redacted). */
  codeFrame?: string;
}

/** Maps what a connector threw to its {@link ConnectorTrace}; undefined when no frame of the connector's bundle is on its stack. */
export type ConnectorTracer = (thrown: unknown, redact?: (text: string) => string) => ConnectorTrace | undefined;

/** Errors that can point at the connector's code (HookFailedError, PluginLoadError). */
export interface TracedError {
  location?: SourceLocation;
  connectorStack?: SourceLocation[];
  codeFrame?: string;
}

/** Copies a trace onto an error (once: an error that already points somewhere keeps it). */
export function attachTrace<T extends TracedError>(error: T, trace: ConnectorTrace | undefined): T {
  if (!trace || error.location) return error;
  error.location = trace.location;
  error.connectorStack = trace.stack;
  if (trace.codeFrame !== undefined) error.codeFrame = trace.codeFrame;
  return error;
}

/** `plugins/x/lib/y.ts:12:5`. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
