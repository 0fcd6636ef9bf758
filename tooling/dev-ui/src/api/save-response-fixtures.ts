import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { PluginManifest } from "@connectors/plugin-api";
import type { MockResponse } from "@connectors/harness";
import { StudioError } from "../studio-error.ts";
import { FixtureSecrets, suggestUrlPattern } from "./fixture-secrets.ts";
import { writePackageFile } from "./package-files.ts";
import { readConformance } from "./read-conformance.ts";

/** A request answered during the session, kept with its real URL (never sent to the page). */
export interface AnsweredRequest {
  id: number;
  method: string;
  url: string;
  response: MockResponse;
}

/** What {@link saveResponseFixtures} wrote. */
export interface SavedFixtures {
  file: string;
  added: number;
  replaced: number;
  configWritten: boolean;
}

function checkPattern(pattern: string): void {
  let url: URL;
  try {
    url = new URL(pattern.replace(/\*$/, ""));
  } catch {
    throw new StudioError(400, `"${pattern}" is not a URL (a trailing * matches any rest)`, { field: "patterns" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new StudioError(400, `"${pattern}" must be an http(s) URL`, { field: "patterns" });
}

/**
 * Writes answered requests into the connector's `fixtures/conformance.json` `responses` under the
 * URL pattern given for each (default: {@link suggestUrlPattern}); an entry with the same method
 * and pattern is replaced, so the conformance suite answers them the same
 * way. Secret config values in URLs become the fixture config's values; when the file has no
 * config yet, the session's config is written with placeholders for its secrets.
 */
export function saveResponseFixtures(options: { dir: string; manifest: PluginManifest; config: Record<string, unknown>; answered: AnsweredRequest[]; patterns: Record<string, string> }): SavedFixtures {
  if (!options.answered.length) throw new StudioError(400, "no answered requests to save yet: run the connector and answer its requests first", { field: "answered" });
  const conformance = readConformance(options.dir);
  const secrets = new FixtureSecrets(options.manifest, options.config, conformance.config);
  const responses = [...(conformance.responses ?? [])];
  let added = 0;
  let replaced = 0;
  for (const answered of options.answered) {
    const pattern = secrets.replace(options.patterns[String(answered.id)] ?? suggestUrlPattern(secrets.replace(answered.url)));
    checkPattern(pattern);
    const entry = { method: answered.method.toUpperCase(), url: pattern, ...answered.response };
    const at = responses.findIndex((r) => r.method.toUpperCase() === entry.method && r.url === entry.url);
    if (at >= 0) {
      responses[at] = entry;
      replaced++;
    } else {
      responses.push(entry);
      added++;
    }
  }
  const configWritten = conformance.config === undefined;
  const next = { ...conformance, ...(configWritten ? { config: secrets.config(options.config) } : {}), responses };
  mkdirSync(join(options.dir, "fixtures"), { recursive: true });
  writePackageFile(join(options.dir, "fixtures", "conformance.json"), `${JSON.stringify(next, null, 2)}\n`);
  return { file: "fixtures/conformance.json", added, replaced, configWritten };
}
