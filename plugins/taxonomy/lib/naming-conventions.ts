/** A naming convention: how to detect it in a name, and how to write into it. */
export interface Convention {
  name: "camel" | "pascal" | "snake" | "kebab" | "spaces";
  /** What marks a word boundary of this convention (searched globally). */
  pattern: RegExp;
  /** The separator written between words, for separated conventions. */
  separator?: string;
}

const UPPER = /[A-Z]/g;

/** The detectors in the order they are tried (camel and Pascal share the upper-case pattern). */
export const CONVENTIONS: readonly Convention[] = [
  { name: "camel", pattern: UPPER },
  { name: "pascal", pattern: UPPER },
  { name: "snake", pattern: /_[a-z]/g, separator: "_" },
  { name: "kebab", pattern: /-[a-z]/g, separator: "-" },
  { name: "spaces", pattern: /\s[a-z]/g, separator: " " },
];

const BY_CONFIG: Record<string, Convention["name"]> = {
  camelCase: "camel",
  PascalCase: "pascal",
  snake_case: "snake",
  "kebab-case": "kebab",
  "spaces in between": "spaces",
};

/** The convention a `defaultNamingConvention` value names; throws a clear error for anything else. */
export function conventionFor(configValue: unknown): Convention {
  const name = typeof configValue === "string" ? BY_CONFIG[configValue] : undefined;
  const convention = CONVENTIONS.find((c) => c.name === name);
  if (!convention) {
    throw new Error(`Unknown naming convention: ${JSON.stringify(configValue)}. Fix: set defaultNamingConvention to one of ${Object.keys(BY_CONFIG).join(", ")}`);
  }
  return convention;
}
