import { statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { relative } from "node:path";
import { build, type Message, type Plugin as EsbuildPlugin } from "esbuild";
import { PluginLoadError } from "../errors.ts";
import { forbiddenImportMessage, hostModuleName } from "./host-modules.ts";

/** One connector as a single CommonJS file, host modules left as `require` calls. */
export interface ConnectorBundle {
  code: string;
  /** Host modules it requires (e.g. `crypto`, `@posthog/plugin-scaffold`). */
  hostModules: string[];
  /** Files that went into it, relative to the connector directory. */
  inputs: string[];
}

const SKIP = Symbol.for("connectors.allowed-imports.skip");

/** esbuild plugin: host modules stay external; other bare imports must resolve from the connector's package. */
function allowedImports(hostModules: Set<string>): EsbuildPlugin {
  return {
    name: "allowed-imports",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === SKIP || args.kind === "entry-point") return undefined;
        const host = hostModuleName(args.path);
        if (host) {
          hostModules.add(host);
          return { path: args.path, external: true };
        }
        if (isBuiltin(args.path)) return { errors: [{ text: forbiddenImportMessage(args.path) }] };
        const resolved = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: SKIP });
        return resolved.errors.length ? { errors: [{ text: forbiddenImportMessage(args.path) }] } : resolved;
      });
    },
  };
}

function formatMessages(messages: readonly Message[], dir: string): string {
  return messages
    .map((m) => {
      const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
      return `  ${where}${m.text}`;
    })
    .join("\n");
}

const cache = new Map<string, { bundle: ConnectorBundle; stamps: Map<string, number> }>();

function isFresh(stamps: Map<string, number>): boolean {
  for (const [file, mtime] of stamps) {
    try {
      if (statSync(file).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Bundles a connector's entry file into one CommonJS file with esbuild: TypeScript is stripped
 * without type-checking, relative imports and the package's own dependencies are inlined, the host
 * modules stay `require` calls, anything else fails with PostHog's "Cannot import" error. Results
 * are cached until an input file changes.
 *
 * @throws PluginLoadError naming the file, line and cause (syntax error, forbidden import, ...)
 */
export async function bundleConnector(entryFile: string, dir: string): Promise<ConnectorBundle> {
  const cached = cache.get(entryFile);
  if (cached && isFresh(cached.stamps)) return cached.bundle;
  const hostModules = new Set<string>();
  let result;
  try {
    result = await build({
      entryPoints: [entryFile],
      absWorkingDir: dir,
      bundle: true,
      write: false,
      format: "cjs",
      platform: "node",
      target: "node20",
      keepNames: true,
      // Connectors that export nothing define bare top-level hooks; keep them for discovery.
      treeShaking: false,
      legalComments: "none",
      logLevel: "silent",
      metafile: true,
      plugins: [allowedImports(hostModules)],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    throw new PluginLoadError(`Cannot load ${relative(process.cwd(), entryFile) || entryFile}:\n${formatMessages(errors, dir)}`, { cause: error });
  }
  const inputs = Object.keys(result.metafile.inputs);
  const bundle: ConnectorBundle = { code: result.outputFiles[0]!.text, hostModules: [...hostModules].sort(), inputs };
  const stamps = new Map(inputs.map((file) => [`${dir}/${file}`, statSync(`${dir}/${file}`).mtimeMs]));
  cache.set(entryFile, { bundle, stamps });
  return bundle;
}
