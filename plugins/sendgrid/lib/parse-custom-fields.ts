import type { PluginMeta } from "@posthog/plugin-scaffold";

/**
 * `customFields` as `{posthogProperty: sendgridFieldName}`: items split on `,`, each `p` or `p=q` (no trimming).
 *
 * @throws Error('Invalid format for custom fields') for an item with more than one `=` (the item is logged)
 */
export function parseCustomFields(raw: string | undefined, logger: PluginMeta["logger"]): Record<string, string> {
  const map: Record<string, string> = {};
  if (!raw) return map;
  for (const item of raw.split(",")) {
    const parts = item.split("=");
    if (parts.length > 2) {
      logger.error(`Bad format in '${item}'`);
      throw new Error("Invalid format for custom fields");
    }
    map[parts[0]!] = parts[1] ?? parts[0]!;
  }
  return map;
}

/**
 * Resolves Sendgrid field names to ids: `{posthogProperty: fieldId}`.
 *
 * @throws Error when a name is not defined exactly once in Sendgrid
 */
export function resolveFieldIds(names: Record<string, string>, definitions: Array<{ id: string; name: string }>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [property, name] of Object.entries(names)) {
    const matches = definitions.filter((field) => field.name === name);
    if (matches.length !== 1) throw new Error(`Custom field with name ${name} is not defined in Sendgrid`);
    ids[property] = matches[0]!.id;
  }
  return ids;
}
