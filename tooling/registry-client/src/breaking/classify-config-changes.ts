import type { Bump } from "./semver.ts";

/** One difference between two versions of a connector, and the semver impact it has. */
export interface CatalogChange {
  kind:
    | "config-removed"
    | "config-renamed"
    | "config-required-added"
    | "config-became-required"
    | "config-type-changed"
    | "config-choices-removed"
    | "config-added"
    | "config-choices-added"
    | "config-default-changed"
    | "config-became-optional"
    | "capability-removed"
    | "capability-added"
    | "host-added"
    | "host-removed"
    | "type-changed"
    | "content-changed";
  /** The config key, capability or host concerned. */
  key?: string;
  impact: Exclude<Bump, "none">;
  message: string;
}

type Schema = Record<string, unknown>;
type Property = { type?: unknown; enum?: unknown[]; format?: unknown; title?: unknown; description?: unknown; default?: unknown };

function propertiesOf(schema: Schema): Record<string, Property> {
  return (schema.properties ?? {}) as Record<string, Property>;
}

/** Keys required unconditionally (an `allOf` rule without `if`), as buildConfigSchema writes them. */
function alwaysRequired(schema: Schema): Set<string> {
  const rules = (schema.allOf ?? []) as Schema[];
  return new Set([...((schema.required ?? []) as string[]), ...rules.filter((r) => !("if" in r)).flatMap((r) => (r.required ?? []) as string[])]);
}

/** Keys required under a condition (`if`/`then` rules). */
function conditionallyRequired(schema: Schema): Set<string> {
  const rules = (schema.allOf ?? []) as Schema[];
  return new Set(rules.filter((r) => "if" in r).flatMap((r) => ((r.then as Schema | undefined)?.required ?? []) as string[]));
}

const shape = (p: Property) => JSON.stringify([p.type ?? null, p.format ?? null]);
const sameField = (a: Property, b: Property) => shape(a) === shape(b) && JSON.stringify(a.enum ?? null) === JSON.stringify(b.enum ?? null) && ((a.title !== undefined && a.title === b.title) || (a.description !== undefined && a.description === b.description));

function compareField(key: string, before: Property, after: Property): CatalogChange[] {
  const changes: CatalogChange[] = [];
  if (shape(before) !== shape(after)) {
    changes.push({ kind: "config-type-changed", key, impact: "major", message: `config "${key}" changed type from ${shape(before)} to ${shape(after)}: saved values may no longer validate` });
  }
  const removed = (before.enum ?? []).filter((v) => !(after.enum ?? []).includes(v));
  const added = (after.enum ?? []).filter((v) => !(before.enum ?? []).includes(v));
  if (before.enum && after.enum && removed.length) changes.push({ kind: "config-choices-removed", key, impact: "major", message: `config "${key}" no longer accepts ${removed.map((v) => JSON.stringify(v)).join(", ")}` });
  if (before.enum && after.enum && added.length) changes.push({ kind: "config-choices-added", key, impact: "minor", message: `config "${key}" accepts new choices ${added.map((v) => JSON.stringify(v)).join(", ")}` });
  if (JSON.stringify(before.default) !== JSON.stringify(after.default)) changes.push({ kind: "config-default-changed", key, impact: "minor", message: `config "${key}" default changed from ${JSON.stringify(before.default)} to ${JSON.stringify(after.default)}` });
  return changes;
}

/**
 * Compares two config JSON Schemas (as `buildConfigSchema` derives them from plugin.json) and lists
 * what changed for people who already configured the connector: removed or renamed keys, new
 * required fields and fields that became required, changed types and removed choices are breaking
 * (`major`); new optional fields, new choices and changed defaults are `minor`.
 *
 * @example
 * classifyConfigChanges(buildConfigSchema(oldManifest), buildConfigSchema(newManifest))
 * // [{ kind: "config-removed", key: "apiKey", impact: "major", message: "config \"apiKey\" was removed: ..." }]
 */
export function classifyConfigChanges(before: Schema, after: Schema): CatalogChange[] {
  const prev = propertiesOf(before);
  const next = propertiesOf(after);
  const [prevRequired, nextRequired, nextConditional] = [alwaysRequired(before), alwaysRequired(after), conditionallyRequired(after)];
  const changes: CatalogChange[] = [];
  const added = Object.keys(next).filter((k) => !(k in prev));
  const renamedTo = new Set<string>();
  for (const key of Object.keys(prev).filter((k) => !(k in next))) {
    const target = added.find((a) => !renamedTo.has(a) && sameField(prev[key]!, next[a]!));
    if (target) renamedTo.add(target);
    changes.push(
      target
        ? { kind: "config-renamed", key, impact: "major", message: `config "${key}" was renamed to "${target}": saved configs lose their value` }
        : { kind: "config-removed", key, impact: "major", message: `config "${key}" was removed: saved configs with it no longer validate` },
    );
  }
  for (const key of added.filter((a) => !renamedTo.has(a))) {
    if (nextRequired.has(key) || nextConditional.has(key)) {
      changes.push({ kind: "config-required-added", key, impact: "major", message: `new ${nextRequired.has(key) ? "required" : "conditionally required"} config "${key}": existing configs lack it` });
    } else changes.push({ kind: "config-added", key, impact: "minor", message: `new optional config "${key}"` });
  }
  for (const key of Object.keys(prev).filter((k) => k in next)) {
    if (!prevRequired.has(key) && nextRequired.has(key)) changes.push({ kind: "config-became-required", key, impact: "major", message: `config "${key}" became required: existing configs may lack it` });
    if (prevRequired.has(key) && !nextRequired.has(key)) changes.push({ kind: "config-became-optional", key, impact: "minor", message: `config "${key}" became optional` });
    changes.push(...compareField(key, prev[key]!, next[key]!));
  }
  return changes;
}
