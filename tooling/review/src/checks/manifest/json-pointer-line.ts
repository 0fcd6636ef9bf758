/**
 * The 1-based line of the value a JSON pointer (`/config/2/secret`) names in `text`, found by
 * scanning for each property name in turn. Approximate for arrays; 1 when nothing matches.
 */
export function jsonPointerLine(text: string, pointer: string): number {
  let offset = 0;
  for (const segment of pointer.split("/").filter(Boolean)) {
    if (/^\d+$/.test(segment)) continue;
    const at = text.indexOf(JSON.stringify(segment.replace(/~1/g, "/").replace(/~0/g, "~")), offset);
    if (at >= 0) offset = at;
  }
  return text.slice(0, offset).split("\n").length;
}

/** The 1-based line of the config field `"key": "<key>"` in plugin.json text; 1 when absent. */
export function configKeyLine(text: string, key: string): number {
  const escaped = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`"key"\\s*:\\s*${escaped}`).exec(text);
  return match ? text.slice(0, match.index).split("\n").length : 1;
}
