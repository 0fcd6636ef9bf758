import { getAjv, humanizeAjvErrors, type ValidationResult } from "@connectors/plugin-api";
import type { Catalog } from "@connectors/registry-client";
import schema from "../../registry.schema.json" with { type: "json" };

/** The `$schema` URL written into registry.json. */
export const REGISTRY_SCHEMA_ID: string = schema.$id;

/**
 * Validates a catalog against registry/registry.schema.json and checks that slugs are unique and
 * sorted. The build runs it on its own output before signing.
 */
export function validateCatalog(value: unknown): ValidationResult<Catalog> {
  const validate = getAjv().getSchema(schema.$id) ?? getAjv().compile(schema);
  if (!validate(value)) return { ok: false, issues: humanizeAjvErrors(validate.errors) };
  const catalog = value as Catalog;
  const slugs = catalog.connectors.map((c) => c.slug);
  const bad = slugs.findIndex((slug, i) => i > 0 && slug <= slugs[i - 1]!);
  if (bad >= 0) return { ok: false, issues: [{ path: `/connectors/${bad}/slug`, message: `"${slugs[bad]}" is duplicated or out of order`, severity: "error", fix: "one entry per slug, sorted by slug" }] };
  return { ok: true, value: catalog, issues: [] };
}
