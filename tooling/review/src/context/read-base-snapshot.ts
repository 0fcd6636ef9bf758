import { runtimeSources } from "../ast/finding-at.ts";
import { parseSource } from "../ast/parse-source.ts";
import { capabilitiesOf } from "../analysis/capabilities.ts";
import { analyzeSources } from "../analysis/connector-analysis.ts";
import type { BaseSnapshot } from "../types.ts";
import { asRecord, parseJson, toManifest } from "./create-connector-context.ts";
import { showFileAt, tryGit } from "./git.ts";

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

/**
 * The published version of a connector from files given as text (repo-relative path → text): its
 * manifest, package.json and capabilities. Parses, never executes.
 */
export function baseSnapshotOf(dir: string, texts: ReadonlyMap<string, string>, label: string): BaseSnapshot | undefined {
  const manifestText = texts.get(`${dir}/plugin.json`);
  const packageText = texts.get(`${dir}/package.json`);
  if (manifestText === undefined && packageText === undefined) return undefined;
  const manifest = toManifest(parseJson(manifestText));
  const sources = runtimeSources([...texts].filter(([file]) => SOURCE.test(file)).map(([file, text]) => parseSource(file, text)));
  return { manifest, packageJson: asRecord(parseJson(packageText)), capabilities: capabilitiesOf(analyzeSources(sources), dir, manifest), label };
}

/**
 * The connector at the base ref, or undefined when it did not exist there. With `withSources` (a
 * modified connector) its sources are read too, for the capability diff; an unchanged connector
 * needs only its manifests.
 */
export async function readBaseSnapshot(root: string, baseSha: string | undefined, dir: string, label: string, withSources: boolean): Promise<BaseSnapshot | undefined> {
  if (!baseSha) return undefined;
  const listing = withSources ? ((await tryGit(root, ["ls-tree", "-r", "-z", "--name-only", baseSha, "--", `${dir}/`])) ?? "") : `${dir}/plugin.json\0${dir}/package.json`;
  const wanted = listing.split("\0").filter((file) => file === `${dir}/plugin.json` || file === `${dir}/package.json` || (SOURCE.test(file) && !file.includes("/node_modules/")));
  const texts = new Map<string, string>();
  for (const file of wanted) {
    const text = await showFileAt(root, baseSha, file);
    if (text !== undefined) texts.set(file, text);
  }
  const snapshot = baseSnapshotOf(dir, texts, label);
  return snapshot && !withSources ? { ...snapshot, capabilities: undefined } : snapshot;
}
