import type { PackageSnapshot } from "@connectors/harness";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lowercase words joined by dashes: "Currency Normalization!" → "currency-normalization". */
function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
}

/**
 * The slug a connector from outside the repository gets: `posthog-<slug>-plugin` from package.json,
 * else its package name without the `posthog-` / `-plugin` affixes, else plugin.json's name; undefined
 * when none gives a kebab-case slug.
 */
export function slugOfSnapshot(snapshot: Pick<PackageSnapshot, "packageJson" | "manifest">): string | undefined {
  const name = typeof snapshot.packageJson?.name === "string" ? snapshot.packageJson.name.replace(/^@[^/]+\//, "") : undefined;
  const candidates = [name && /^posthog-(.+)-plugin$/.exec(name)?.[1], name && slugify(name.replace(/^posthog-/, "").replace(/-plugin$/, "")), slugify(snapshot.manifest.name ?? "")];
  return candidates.find((candidate): candidate is string => typeof candidate === "string" && SLUG.test(candidate));
}
