import { getAjv, humanizeAjvErrors, type ValidationResult } from "@connectors/plugin-api";
import type { Catalog, UnsignedCatalog } from "@connectors/registry-client";
import schema from "../../registry.schema.json" with { type: "json" };

/** The `$schema` URL written into registry.json. */
export const REGISTRY_SCHEMA_ID: string = schema.$id;

/**
 * Validates a catalog against registry/registry.schema.json and checks that slugs are unique and
 * sorted. The build runs it on its own output, and `registry sign` on what it is asked to sign. The
 * `signed` block is optional here (the build's output has none); clients require it.
 */
export function validateCatalog(value: unknown): ValidationResult<UnsignedCatalog & Partial<Pick<Catalog, "signed">>> {
  const validate = getAjv().getSchema(schema.$id) ?? getAjv().compile(schema);
  if (!validate(value)) return { ok: false, issues: humanizeAjvErrors(validate.errors) };
  const catalog = value as UnsignedCatalog;
  const slugs = catalog.connectors.map((c) => c.slug);
  const bad = slugs.findIndex((slug, i) => i > 0 && slug <= slugs[i - 1]!);
  if (bad >= 0) return { ok: false, issues: [{ path: `/connectors/${bad}/slug`, message: `"${slugs[bad]}" is duplicated or out of order`, severity: "error", fix: "one entry per slug, sorted by slug" }] };
  return { ok: true, value: catalog, issues: [] };
}
