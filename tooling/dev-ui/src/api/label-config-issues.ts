import { configFields, type Issue, type PluginManifest } from "@connectors/plugin-api";

/** A config issue as the form shows it: the field's key (to find its input) and a message in the field's label. */
export interface LabelledIssue extends Issue {
  field: string;
}

/**
 * Rewrites config issues in the words of the form: `config.apiKey is required` becomes
 * `"API key" is required`, so the user reads the label they see, not an internal key.
 */
export function labelConfigIssues(manifest: PluginManifest, issues: readonly Issue[]): LabelledIssue[] {
  const labels = new Map(configFields(manifest).map((field) => [field.key, field.name ?? field.key]));
  return issues.map((issue) => {
    const field = issue.path.split("/")[1] ?? "";
    const label = labels.get(field);
    const message = label ? issue.message.replace(new RegExp(`config\\.${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "g"), `"${label}"`) : issue.message;
    return { ...issue, field, message };
  });
}
