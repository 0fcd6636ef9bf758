import { configFields } from "@connectors/plugin-api";
import type { ConnectorContext, Finding } from "../../types.ts";
import { isHostAllowed } from "../security/network-hosts.ts";
import { configKeyLine } from "./json-pointer-line.ts";

const RULE = "manifest/config-defaults";

/** The host a url / hostname default names (WHATWG URL parsing), or undefined when it is not one. */
function hostOf(value: string, format: "url" | "hostname"): string | undefined {
  try {
    return new URL(format === "url" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

/**
 * Checks the defaults of config fields that name a host (`"format": "url"` / `"hostname"`): a pattern
 * (`https://*.com`) is an error because config values add a host exactly as given and never a
 * pattern; a default host that `allowedHosts` does not declare is an error because defaults never
 * widen egress: the connector would fail with its own default (an error for an optional field; a
 * warning for a required one, whose default is only a pre-filled placeholder).
 */
export function checkConfigDefaults(ctx: ConnectorContext): Finding[] {
  if (!ctx.manifest) return [];
  const allowed = ctx.manifest.allowedHosts ?? [];
  return configFields(ctx.manifest).flatMap((field): Finding[] => {
    if ((field.format !== "url" && field.format !== "hostname") || typeof field.default !== "string" || field.default.trim() === "") return [];
    const at = { rule: RULE, category: "manifest" as const, severity: "error" as const, file: `${ctx.dir}/plugin.json`, line: configKeyLine(ctx.manifestText ?? "", field.key) };
    if (field.default.includes("*")) {
      return [{ ...at, message: `config field "${field.key}" defaults to the pattern \`${field.default}\`; a ${field.format} value adds one host exactly as given, and a pattern would widen egress to every matching host`, fix: `give "${field.key}" a concrete default host that "allowedHosts" lists, or no default` }];
    }
    const host = hostOf(field.default, field.format);
    if (!host) return [{ ...at, message: `config field "${field.key}" defaults to \`${field.default}\`, which is not a valid ${field.format}`, fix: `fix the default of "${field.key}" or remove it` }];
    if (isHostAllowed(host, allowed)) return [];
    if (field.required) return [{ ...at, severity: "warning", message: `required config field "${field.key}" is pre-filled with \`${host}\`, which "allowedHosts" does not declare; defaults never widen egress, so whoever installs it must enter their own`, fix: `leave the default empty, or add "${host}" to "allowedHosts"` }];
    return [{ ...at, message: `config field "${field.key}" defaults to \`${host}\`, which "allowedHosts" does not declare; defaults never widen egress, so the connector fails with its own default`, fix: `add "${host}" to "allowedHosts", or leave the default empty` }];
  });
}
