import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { configFields, fieldType, type PluginAttachment, type PluginManifest } from "@connectors/plugin-api";
import { FetchInterceptor, type MockResponse } from "@connectors/harness";

/** `fixtures/conformance.json`: what a connector needs to run its fixtures (config, files, responses). */
export interface ConformanceFile {
  config?: Record<string, unknown>;
  /** Attachment key -> fixture file name (under fixtures/). */
  attachments?: Record<string, string>;
  /** Responses for the requests the fixtures cause. */
  responses?: Array<{ method: string; url: string } & MockResponse>;
  /** Fixture files to leave out of the event run. */
  skipFixtures?: string[];
}

/** Reads `fixtures/conformance.json` of a connector folder ({} when there is none). @throws SyntaxError when it is not JSON */
export function readConformanceFile(dir: string): ConformanceFile {
  const file = join(dir, "fixtures", "conformance.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ConformanceFile) : {};
}

function placeholder(manifest: PluginManifest, key: string): unknown {
  const field = configFields(manifest).find((f) => f.key === key)!;
  if (field.default !== undefined && field.default !== "") return field.default;
  switch (fieldType(field)) {
    case "choice":
      return field.choices?.[0];
    case "json":
      return "{}";
    case "dictionary":
      return {};
    default:
      return field.secret ? `conformance-secret-${key}` : "conformance";
  }
}

/** A config that should pass validation: conformance.json's, else placeholders for required fields. */
export function validConfigFor(manifest: PluginManifest, file: ConformanceFile): Record<string, unknown> {
  if (file.config) return file.config;
  const config: Record<string, unknown> = {};
  for (const field of configFields(manifest)) {
    if (field.required && !field.required_if && !field.visible_if && fieldType(field) !== "attachment") config[field.key] = placeholder(manifest, field.key);
  }
  return config;
}

/** The secret values in a config, to look for in logs. */
export function secretValues(manifest: PluginManifest, config: Record<string, unknown>): string[] {
  return configFields(manifest)
    .filter((field) => field.secret && typeof config[field.key] === "string" && (config[field.key] as string).length >= 3)
    .map((field) => config[field.key] as string);
}

export function attachmentsFor(dir: string, file: ConformanceFile): Record<string, PluginAttachment> {
  return Object.fromEntries(
    Object.entries(file.attachments ?? {}).map(([key, name]) => [key, { file_name: name, content_type: name.endsWith(".json") ? "application/json" : "application/octet-stream", contents: readFileSync(join(dir, "fixtures", name)) }]),
  );
}

/** The declared responses of a conformance file as an interceptor, in file order. */
export function interceptorFor(file: ConformanceFile): FetchInterceptor {
  const interceptor = new FetchInterceptor();
  for (const { method, url, ...response } of file.responses ?? []) interceptor.on(method, url, response);
  return interceptor;
}

/** Fixture events: every fixtures/*.json that is an event or an array of events. */
export function fixtureEvents(dir: string, file: ConformanceFile): Array<{ name: string; event: Record<string, unknown> }> {
  const fixtures = join(dir, "fixtures");
  if (!existsSync(fixtures)) return [];
  const skip = new Set(["conformance.json", ...(file.skipFixtures ?? [])]);
  return readdirSync(fixtures)
    .filter((name) => name.endsWith(".json") && !skip.has(name))
    .sort()
    .flatMap((name) => {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(fixtures, name), "utf8"));
      } catch {
        return [];
      }
      const items = Array.isArray(data) ? data : [data];
      return items
        .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null && typeof (item as { event?: unknown }).event === "string")
        .map((event, i) => ({ name: items.length > 1 ? `${name}[${i}]` : name, event }));
    });
}
