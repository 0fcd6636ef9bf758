import type { ConnectorBundle } from "../load/bundle-connector.ts";
import type { ConnectorSource } from "../load/resolve-source.ts";
import { createConnectorTracer } from "./create-connector-tracer.ts";
import type { ConnectorTracer } from "./source-location.ts";

/** Lines both runners (in-process and isolate) put before a bundle's first line: `(function (...) {`. */
export const BUNDLE_LINE_OFFSET = 1;

/** The tracer of a connector's bundle as both runners compile it (under its entry file's name, one wrapper line above). */
export function tracerFor(source: ConnectorSource, bundle: ConnectorBundle): ConnectorTracer {
  const { snapshot } = source;
  return createConnectorTracer({
    sourceMap: bundle.sourceMap,
    scriptName: source.entryFile,
    lineOffset: BUNDLE_LINE_OFFSET,
    ownSources: new Set([...snapshot.files.keys()].map((path) => `${snapshot.displayRoot}${path}`)),
  });
}
