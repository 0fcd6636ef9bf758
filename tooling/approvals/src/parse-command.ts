import type { Command } from "./types.ts";

const TARGET = /^([a-z0-9][a-z0-9-]*)@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/** Usage lines for the bot's replies. */
export const COMMAND_USAGE = [
  "`/approve` (the one connector this PR changes), `/approve <slug>@<version>`,",
  '`/approve <slug>@<version> --override "<why error-level findings are acceptable>"`,',
  "`/revoke <slug>@<version> <reason>`",
].join(" ");

function unquote(text: string): string {
  const t = text.trim();
  const m = /^["“'](.*)["”']$/s.exec(t);
  return (m ? m[1]! : t).trim();
}

/**
 * Parses the bot command on the first non-empty line of a comment or review body: `/approve`,
 * `/approve slug@version`, `/approve [slug@version] --override "reason"`, `/revoke slug@version reason`.
 * Returns undefined when the text is not a command (ordinary discussion), `invalid` with a message
 * for a malformed one. Pure.
 *
 * @example
 * parseCommand('/approve acme@1.2.0 --override "false positive"') // { kind: "approve", target: {...}, override: "false positive" }
 */
export function parseCommand(body: string | null | undefined): Command | undefined {
  const line = (body ?? "").split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0);
  const match = line ? /^\/(approve|revoke)(?:\s+(.*))?$/.exec(line) : null;
  if (!match) return undefined;
  const rest = (match[2] ?? "").trim();
  if (match[1] === "revoke") {
    const [first = "", ...reason] = rest.split(/\s+/);
    const target = TARGET.exec(first);
    if (!target) return { kind: "invalid", message: `\`/revoke\` needs \`<slug>@<version>\` and a reason, e.g. \`/revoke acme@1.2.0 sends the API key in the URL\`${first ? ` (got \`${first.slice(0, 80)}\`)` : ""}` };
    const why = unquote(reason.join(" "));
    if (!why) return { kind: "invalid", message: `\`/revoke ${first}\` needs a reason after the version, e.g. \`/revoke ${first} sends the API key in the URL\`` };
    return { kind: "revoke", target: { slug: target[1]!, version: target[2]! }, reason: why };
  }
  const overrideAt = rest.search(/(^|\s)--override(\s|=|$)/);
  const head = (overrideAt >= 0 ? rest.slice(0, overrideAt) : rest).trim();
  const override = overrideAt >= 0 ? unquote(rest.slice(overrideAt).trim().replace(/^--override=?/, "")) : undefined;
  if (overrideAt >= 0 && !override) return { kind: "invalid", message: '`--override` needs the reason in quotes, e.g. `/approve acme@1.2.0 --override "the finding is a false positive: …"`' };
  const parts = head ? head.split(/\s+/) : [];
  if (parts.length > 1) return { kind: "invalid", message: `\`/approve\` takes one \`<slug>@<version>\`, got \`${head.slice(0, 80)}\`` };
  const target = parts[0] ? TARGET.exec(parts[0]) : undefined;
  if (parts[0] && !target) return { kind: "invalid", message: `\`/approve ${parts[0].slice(0, 80)}\` is not \`<slug>@<version>\` (e.g. \`/approve acme@1.2.0\`)` };
  return { kind: "approve", ...(target ? { target: { slug: target[1]!, version: target[2]! } } : {}), ...(override ? { override } : {}) };
}
