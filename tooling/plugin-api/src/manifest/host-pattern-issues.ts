import { errorIssue, type Issue } from "../issues.ts";
import { configFields, type PluginManifest } from "./types.ts";

/**
 * Config values of fields marked `format: "url"` or `"hostname"` name one host exactly: they widen
 * the connector's egress allow-list by that host, so a pattern (`*.com`, `https://*`) is refused,
 * wherever the `*` appears. The value is not quoted (it may be a secret).
 */
export function hostPatternIssues(manifest: Pick<PluginManifest, "config">, config: Record<string, unknown>): Issue[] {
  return configFields(manifest)
    .filter((field) => (field.format === "url" || field.format === "hostname") && typeof config[field.key] === "string" && (config[field.key] as string).includes("*"))
    .map((field) =>
      errorIssue(
        `/${field.key}`,
        `config.${field.key} holds "*": a ${field.format === "url" ? "URL" : "host name"} field names one host exactly and lets the connector call it, so patterns are not allowed`,
        `give the one host the connector should call (e.g. ${field.format === "url" ? '"https://api.example.com"' : '"db.example.com"'})`,
      ),
    );
}
