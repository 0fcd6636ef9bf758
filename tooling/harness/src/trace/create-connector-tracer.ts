import { TraceMap, originalPositionFor, sourceContentFor } from "@jridgewell/trace-mapping";
import type { ConnectorTrace, ConnectorTracer, SourceLocation } from "./source-location.ts";
import { formatCodeFrame } from "./format-code-frame.ts";

/** What a tracer needs: the bundle's source map and how its code was run. */
export interface TracerInput {
  /** Source map (v3 JSON) of the bundle. */
  sourceMap: string;
  /** The file name the bundle was compiled under (frames with another name are not the connector's). */
  scriptName: string;
  /** Lines the runner put before the bundle's first line (the function wrapper: 1). */
  lineOffset: number;
  /** Sources that are the connector's own files (preferred for `location`). */
  ownSources: ReadonlySet<string>;
}

/** Only this much of a stack is read: a connector controls its own stack text. */
const MAX_STACK_CHARS = 64 * 1024;
const MAX_FRAMES = 50;
const FRAME = /^\s*at (?:(.+?) \()?(.+):(\d+):(\d+)\)?$/;

interface RawFrame {
  fn?: string;
  line: number;
  column: number;
}

function stackOf(thrown: unknown): string | undefined {
  if (!(thrown instanceof Error) && (typeof thrown !== "object" || thrown === null)) return undefined;
  const stack = (thrown as { stack?: unknown }).stack;
  return typeof stack === "string" ? stack.slice(0, MAX_STACK_CHARS) : undefined;
}

function bundleFrames(stack: string, scriptName: string): RawFrame[] {
  const frames: RawFrame[] = [];
  for (const text of stack.split("\n")) {
    const match = FRAME.exec(text);
    if (!match || match[2] !== scriptName) continue;
    frames.push({ ...(match[1] ? { fn: match[1] } : {}), line: Number(match[3]), column: Number(match[4]) });
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
}

function toSource(map: TraceMap, frame: RawFrame, lineOffset: number): SourceLocation | undefined {
  const position = originalPositionFor(map, { line: frame.line - lineOffset, column: Math.max(frame.column - 1, 0) });
  if (!position.source || position.line === null || position.column === null) return undefined;
  const fn = frame.fn?.replace(/^(?:async |new )/, "").replace(/^(?:globalThis\.__connectorsModule\.|Object\.)/, "");
  return { file: position.source, line: position.line, column: position.column + 1, ...(fn && !fn.startsWith("eval") ? { function: fn } : {}) };
}

/**
 * A tracer for one bundle: parses the stack of what the connector threw (or, failing that, of its
 * `cause`), keeps the frames of the bundle, maps each to its original file, line and column through
 * the source map (@jridgewell/trace-mapping), and picks the first frame in the connector's own
 * files as the location, with a code frame from the map's sources. The map is parsed on first use.
 */
export function createConnectorTracer(input: TracerInput): ConnectorTracer {
  let map: TraceMap | undefined;
  return (thrown, redact = (text) => text) => {
    for (let current = thrown, depth = 0; current !== undefined && depth < 3; current = (current as { cause?: unknown } | null)?.cause, depth++) {
      const stack = stackOf(current);
      const frames = stack ? bundleFrames(stack, input.scriptName) : [];
      if (frames.length === 0) continue;
      map ??= new TraceMap(input.sourceMap);
      const mapped = frames.map((frame) => toSource(map!, frame, input.lineOffset)).filter((frame): frame is SourceLocation => frame !== undefined);
      const location = mapped.find((frame) => input.ownSources.has(frame.file)) ?? mapped[0];
      if (!location) continue;
      const content = sourceContentFor(map, location.file);
      const codeFrame = content ? formatCodeFrame(content, location.line, location.column) : undefined;
      const trace: ConnectorTrace = { location, stack: mapped };
      if (codeFrame) trace.codeFrame = redact(codeFrame);
      return trace;
    }
    return undefined;
  };
}
