/** Lower-cases, removes one leading `/`, and turns every `/`, `.`, `-` and space into `_`. */
export function cleanName(name: unknown): string {
  return String(name).toLowerCase().replace(/^\//, "").replace(/[/.\- ]/g, "_");
}
