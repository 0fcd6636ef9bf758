import type { Props } from "./types.ts";

/**
 * Writes `target = value`; when the value contains `::`, also `target_0` … `target_4` from its
 * parts (parts that do not exist are removed, erasing earlier values). `extra` names further
 * properties for parts 0, 1, … (cloud's `event_category`, …). Non-string values are skipped.
 */
export function writeSplit(props: Props, target: string, value: unknown, extra: string[] = []): void {
  if (typeof value !== "string") return;
  props[target] = value;
  if (!value.includes("::")) return;
  const parts = value.split("::");
  const put = (key: string, part: string | undefined) => (part === undefined ? delete props[key] : (props[key] = part));
  for (let i = 0; i < 5; i++) put(`${target}_${i}`, parts[i]);
  extra.forEach((key, i) => put(key, parts[i]));
}
