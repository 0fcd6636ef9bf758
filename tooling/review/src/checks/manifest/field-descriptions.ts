import { configFields } from "@connectors/plugin-api";
import type { ConnectorContext, Finding } from "../../types.ts";
import { configKeyLine } from "./json-pointer-line.ts";

/**
 * Checks what a user sees in the config form: every field has a `name` (warning) and a `hint`
 * (info), and a choice field offers at least two choices (warning).
 */
export function checkFieldDescriptions(ctx: ConnectorContext): Finding[] {
  if (!ctx.manifest) return [];
  const file = `${ctx.dir}/plugin.json`;
  return configFields(ctx.manifest).flatMap((field) => {
    const line = configKeyLine(ctx.manifestText ?? "", field.key);
    const found: Finding[] = [];
    if (!field.name) found.push({ rule: "manifest/field-descriptions", category: "manifest", severity: "warning", file, line, message: `config field "${field.key}" has no "name" (the form shows the raw key)`, fix: `add "name": "<label shown in the form>"` });
    if (!field.hint) found.push({ rule: "manifest/field-descriptions", category: "manifest", severity: "info", file, line, message: `config field "${field.key}" has no "hint"`, fix: `add "hint": "<what to enter and where to find it>"` });
    if (field.type === "choice" && (field.choices?.length ?? 0) < 2) found.push({ rule: "manifest/choice-fields", category: "manifest", severity: "warning", file, line, message: `choice field "${field.key}" offers ${field.choices?.length ?? 0} choice(s)`, fix: "offer at least two choices, or make it a string field" });
    return found;
  });
}
