/** A connector slug: lower-case letters, digits and single dashes, starting with a letter. */
export const CONNECTOR_SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** `my-connector` → `My Connector`. */
export function titleFromSlug(slug: string): string {
  return slug
    .split("-")
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}
