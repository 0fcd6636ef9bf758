import { SourceMap } from "node:module";

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

const FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/;
const FRAME_IN_TEXT = /(\(|at )([^\s()]+?):(\d+):(\d+)(\)?)/g;

function locationOf(value: unknown): SourceLocation | undefined {
  const location = (value as { location?: Partial<SourceLocation> } | null | undefined)?.location;
  return location && typeof location.file === "string" && typeof location.line === "number" ? { file: location.file, line: location.line, column: location.column ?? 1 } : undefined;
}

/**
 * Turns stacks of a bundled connector into places in its package files through the bundle's source
 * map: frames in the bundle become `lib/send-event.ts:12:5`, frames in the harness or the toolkit are
 * left out. Errors that already carry the harness's `location` keep it.
 */
export class StackMapper {
  readonly #bundleFile: string;
  readonly #map: SourceMap | undefined;
  readonly #displayRoot: string;
  readonly #packageFiles: ReadonlySet<string>;
  readonly #lineOffset: number;

  /** `lineOffset`: lines the harness puts before the bundle when it evaluates it (its function wrapper: 1). */
  constructor(options: { bundleFile: string; sourceMap?: string; displayRoot: string; packageFiles: Iterable<string>; lineOffset?: number }) {
    this.#bundleFile = options.bundleFile;
    this.#lineOffset = options.lineOffset ?? 1;
    this.#displayRoot = options.displayRoot;
    this.#packageFiles = new Set(options.packageFiles);
    try {
      this.#map = options.sourceMap ? new SourceMap(JSON.parse(options.sourceMap)) : undefined;
    } catch {
      this.#map = undefined;
    }
  }

  /** A file name from a stack or a location as a package path, or undefined when it is not the connector's. */
  packagePath(file: string): string | undefined {
    const bare = this.#displayRoot && file.startsWith(this.#displayRoot) ? file.slice(this.#displayRoot.length) : file;
    return this.#packageFiles.has(bare) ? bare : undefined;
  }

  /** Maps a generated position; undefined when it is not in one of the package's files. */
  #original(file: string, line: number, column: number): SourceLocation | undefined {
    if (file !== this.#bundleFile) {
      const own = this.packagePath(file);
      return own ? { file: own, line, column } : undefined;
    }
    const entry = this.#map?.findEntry(line - 1 - this.#lineOffset, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!entry?.originalSource || entry.originalLine === undefined) return undefined;
    const own = this.packagePath(entry.originalSource);
    return own ? { file: own, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 } : undefined;
  }

  /** The frames of a stack that are in the connector's own files, innermost first. */
  frames(stack: string | undefined): ConnectorFrame[] {
    const frames: ConnectorFrame[] = [];
    for (const line of (stack ?? "").split("\n")) {
      const match = FRAME.exec(line);
      if (!match) continue;
      const place = this.#original(match[2]!, Number(match[3]), Number(match[4]));
      if (place) frames.push({ fn: match[1] ?? "<anonymous>", ...place });
    }
    return frames;
  }

  /** A text (a logged stack) with bundle positions replaced by package positions. */
  mapText(text: string): string {
    if (!text.includes(this.#bundleFile)) return text;
    return text.replace(FRAME_IN_TEXT, (whole, open: string, file: string, line: string, column: string, close: string) => {
      const place = file === this.#bundleFile ? this.#original(file, Number(line), Number(column)) : undefined;
      return place ? `${open}${place.file}:${place.line}:${place.column}${close}` : whole;
    });
  }

  /** Where a thrown error points in the connector, and its connector frames (the error, then its causes). */
  locate(error: unknown): { location?: SourceLocation; frames: ConnectorFrame[] } {
    for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
      const given = locationOf(current);
      const frames = this.frames((current as { stack?: string }).stack);
      const location = given ? { ...given, file: this.packagePath(given.file) ?? given.file } : frames[0];
      if (location) return { location, frames };
    }
    return { frames: [] };
  }
}
