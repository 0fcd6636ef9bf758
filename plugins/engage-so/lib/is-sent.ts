/** True for events Engage gets: `$identify` and custom events (not other `$` events, not `plugin*`). */
export function isSent(name: string): boolean {
  if (name.startsWith("plugin")) return false;
  return name === "$identify" || !name.startsWith("$");
}
