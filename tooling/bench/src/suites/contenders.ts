import type { BenchInstances } from "./bench-instances.ts";

/** The contenders of one batch shape, by figure name, and the ones left out with why. */
export interface Contenders<T> {
  contenders: Record<string, (items: T[]) => Promise<void>>;
  skipped: Map<string, string>;
}

/** The instances that could not be loaded, under their figure names in a shape (`prefix` + sandbox / vm2). */
export function skippedAs(skipped: BenchInstances["skipped"], prefix = ""): Map<string, string> {
  return new Map(Object.entries(skipped).map(([what, why]) => [`${prefix}${what}`, why]));
}
