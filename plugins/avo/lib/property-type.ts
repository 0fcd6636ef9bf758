/** Avo's type name of a value: null, string, int, float (decimal form contains "."), boolean, list, object, else typeof. */
export function propertyType(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return "string";
  if (typeof value === "number" || typeof value === "bigint") return String(value).includes(".") ? "float" : "int";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "list";
  return typeof value;
}
