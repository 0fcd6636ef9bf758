import { configFields, type ConfigField } from "@connectors/plugin-api";
import type { ConnectorContext, Finding } from "../../types.ts";
import { configKeyLine } from "./json-pointer-line.ts";

const SECRET_LIKE = /(api[_-]?key|apikey|secret|token|passw(or)?d|credential|private[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret|bearer|signing[_-]?key|database[_-]?url|connection[_-]?string)/i;

/** A PostHog project API key (`phc_…`): public by design, it ships in every page that loads posthog-js. */
const PROJECT_API_KEY = /^(posthog[_-]?)?project[_-]?api[_-]?key$/i;
const KEY_ID = /access[_-]?key([_-]?id)?$/i;
const PAIRED_SECRET = /secret[_-]?access[_-]?key$/i;

/**
 * Config values that look like credentials by name but are public identifiers: a PostHog project API
 * key, and the key ID half of an access key pair whose secret half is a `secret: true` field (the key
 * ID travels in clear text in every signed request's Authorization header).
 */
function isPublicIdentifier(field: ConfigField, fields: readonly ConfigField[]): boolean {
  if (PROJECT_API_KEY.test(field.key)) return true;
  return KEY_ID.test(field.key) && !PAIRED_SECRET.test(field.key) && fields.some((other) => other.secret && PAIRED_SECRET.test(other.key));
}

/** Flags config fields whose key or name looks like a credential but that lack `secret: true`. */
export function checkSecretFields(ctx: ConnectorContext): Finding[] {
  if (!ctx.manifest) return [];
  const fields = configFields(ctx.manifest);
  return fields
    .filter((field) => !field.secret && field.type !== "choice" && (SECRET_LIKE.test(field.key) || SECRET_LIKE.test(field.name ?? "")) && !isPublicIdentifier(field, fields))
    .map((field) => ({
      rule: "manifest/secret-fields",
      category: "manifest" as const,
      severity: "error" as const,
      file: `${ctx.dir}/plugin.json`,
      line: configKeyLine(ctx.manifestText ?? "", field.key),
      message: `config field "${field.key}" looks like a credential but is not marked secret; its value would be shown in the UI and logs`,
      fix: `add "secret": true to "${field.key}"`,
    }));
}
