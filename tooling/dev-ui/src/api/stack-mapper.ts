import type { ConnectorTracer, SourceLocation as HarnessLocation } from "@connectors/harness";

/** A place in the connector's own source (package path, 1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One stack frame in the connector's own files. */
export interface ConnectorFrame extends SourceLocation {
  fn: string;
}

const FRAME_IN_TEXT = /([^\s()]+):(\d+):(\d+)/g;

function tracedOf(value: unknown): { location?: HarnessLocation; connectorStack?: HarnessLocation[] } {
  return (typeof value === "object" && value !== null ? value : {}) as { location?: HarnessLocation; connectorStack?: HarnessLocation[] };
}

/**
 * Puts the harness's source-mapped error places into the editor's terms: package paths
 * (`lib/send-event.ts`, not `plugins/x/lib/send-event.ts`), only the connector's own files (the
 * toolkit's frames left out). Logged stacks are rewritten the same way through the connector's
 * tracer, so a `console.error(error)` points at the package file too.
 */
export class StackMapper {
  readonly #trace: ConnectorTracer | undefined;
  readonly #bundleFile: string;
  readonly #displayRoot: string;
  readonly #packageFiles: ReadonlySet<string>;

  constructor(options: { trace?: ConnectorTracer; bundleFile: string; displayRoot: string; packageFiles: Iterable<string> }) {
    this.#trace = options.trace;
    this.#bundleFile = options.bundleFile;
    this.#displayRoot = options.displayRoot;
    this.#packageFiles = new Set(options.packageFiles);
  }

  /** A file name as errors give it, as a package path; undefined when it is not one of the connector's files. */
  packagePath(file: string): string | undefined {
    const bare = this.#displayRoot && file.startsWith(this.#displayRoot) ? file.slice(this.#displayRoot.length) : file;
    return this.#packageFiles.has(bare) ? bare : undefined;
  }

  #own(place: HarnessLocation): ConnectorFrame | undefined {
    const file = this.packagePath(place.file);
    return file ? { fn: place.function ?? "<anonymous>", file, line: place.line, column: place.column } : undefined;
  }

  /** Where a thrown error points in the connector's files, and its connector frames (the error, then its causes). */
  locate(error: unknown): { location?: SourceLocation; frames: ConnectorFrame[] } {
    for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
      const traced = tracedOf(current);
      const trace = traced.location ? { location: traced.location, stack: traced.connectorStack ?? [traced.location] } : this.#trace?.(current);
      if (!trace) continue;
      const frames = trace.stack.map((place) => this.#own(place)).filter((frame): frame is ConnectorFrame => frame !== undefined);
      const own = this.#own(trace.location) ?? frames[0];
      if (own) return { location: { file: own.file, line: own.line, column: own.column }, frames };
    }
    return { frames: [] };
  }

  /** A text (a logged stack) with the bundle's positions replaced by package positions. */
  mapText(text: string): string {
    if (!this.#trace || !text.includes(this.#bundleFile)) return text;
    return text.replace(FRAME_IN_TEXT, (whole, file: string, line: string, column: string) => {
      if (file !== this.#bundleFile) return whole;
      const place = this.#trace!({ stack: `Error\n    at ${file}:${line}:${column}` })?.location;
      const own = place && this.#own(place);
      return own ? `${own.file}:${own.line}:${own.column}` : whole;
    });
  }
}
