import { configFields } from "@connectors/plugin-api";
import type { ConnectorContext, Finding } from "../../types.ts";
import { configKeyLine } from "./json-pointer-line.ts";

const SECRET_LIKE = /(api[_-]?key|apikey|secret|token|passw(or)?d|credential|private[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret|bearer|signing[_-]?key|database[_-]?url|connection[_-]?string)/i;

/** Flags config fields whose key or name looks like a credential but that lack `secret: true`. */
export function checkSecretFields(ctx: ConnectorContext): Finding[] {
  if (!ctx.manifest) return [];
  return configFields(ctx.manifest)
    .filter((field) => !field.secret && field.type !== "choice" && (SECRET_LIKE.test(field.key) || SECRET_LIKE.test(field.name ?? "")))
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
