/** The properties to send: all when `propertiesToInclude` is blank, else the listed ones (trimmed) present, in config order. */
export function selectProperties(properties: Record<string, unknown> | undefined, propertiesToInclude: string | undefined): Record<string, unknown> {
  if (!properties) return {};
  if (!propertiesToInclude?.trim()) return properties;
  const out: Record<string, unknown> = {};
  for (const key of propertiesToInclude.split(",").map((k) => k.trim())) {
    if (Object.hasOwn(properties, key)) out[key] = properties[key];
  }
  return out;
}
