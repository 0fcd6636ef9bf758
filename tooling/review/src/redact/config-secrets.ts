import { configFields, type PluginManifest } from "@connectors/plugin-api";
import type { ConnectorContext } from "../types.ts";

function conformanceConfig(ctx: ConnectorContext): Record<string, unknown> {
  const file = ctx.files.find((f) => f.file === `${ctx.dir}/fixtures/conformance.json`);
  try {
    const parsed = file ? (JSON.parse(file.text) as { config?: unknown }) : undefined;
    return parsed?.config && typeof parsed.config === "object" ? (parsed.config as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The secret config values a review can quote: the plugin.json defaults of fields marked
 * `secret: true` (a third-party manifest may carry one) and the values `fixtures/conformance.json`
 * gives them (the dynamic checks run the connector with that config). The review's findings go
 * through the harness redactor built from these before any report is written.
 */
export function configSecrets(ctx: ConnectorContext): unknown[] {
  const manifest = (ctx.manifest ?? ctx.manifestRaw) as Pick<PluginManifest, "config"> | undefined;
  let secretFields: ReturnType<typeof configFields> = [];
  try {
    secretFields = configFields(manifest ?? {}).filter((field) => field.secret);
  } catch {
    return [];
  }
  const fixture = conformanceConfig(ctx);
  return secretFields.flatMap((field) => [field.default, fixture[field.key]]);
}
