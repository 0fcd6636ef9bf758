import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { PluginLoadError } from "../errors.ts";

const ENTRY = fileURLToPath(new URL("./prelude/index.js", import.meta.url));

let cached: Promise<string> | undefined;

/**
 * The in-isolate prelude (PostHog's globals, the allowed modules as shims, the host bridge and the
 * hook dispatcher) as one script, bundled once per process with esbuild (the `buffer` package inlined).
 */
export function buildPrelude(): Promise<string> {
  cached ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    mainFields: ["browser", "module", "main"],
    target: "node20",
    legalComments: "none",
    logLevel: "silent",
  }).then(
    (result) => result.outputFiles[0]!.text,
    (error: unknown) => {
      cached = undefined;
      throw new PluginLoadError(`Cannot build the sandbox prelude: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    },
  );
  return cached;
}
