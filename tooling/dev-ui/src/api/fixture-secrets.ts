import { secretKeys, type PluginManifest } from "@connectors/plugin-api";

/**
 * Stands in for the user's secret config values in anything written to fixtures: each secret
 * becomes the value conformance.json already uses for that field, else `fixture-<key>`, so saved
 * request URLs still match when the conformance suite runs with the fixture config.
 */
export class FixtureSecrets {
  readonly #replacements: Array<[string, string]>;
  /** Secret field -> the value fixtures use for it. */
  readonly placeholders: Record<string, string>;

  constructor(manifest: PluginManifest, config: Record<string, unknown>, fixtureConfig: Record<string, unknown> | undefined) {
    this.placeholders = {};
    const pairs: Array<[string, string]> = [];
    for (const key of secretKeys(manifest)) {
      const given = fixtureConfig?.[key];
      const placeholder = typeof given === "string" && given !== "" ? given : `fixture-${key}`;
      this.placeholders[key] = placeholder;
      const value = config[key];
      if (typeof value === "string" && value.length >= 3) pairs.push([value, placeholder], [encodeURIComponent(value), encodeURIComponent(placeholder)]);
    }
    this.#replacements = pairs.sort((a, b) => b[0].length - a[0].length);
  }

  /** The text with every secret value (raw or URL-encoded) replaced by its placeholder. */
  replace(text: string): string {
    return this.#replacements.reduce((out, [secret, placeholder]) => out.split(secret).join(placeholder), text);
  }

  /** A config safe to write: the user's non-secret values, placeholders for the secrets. */
  config(config: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, key in this.placeholders ? this.placeholders[key] : value]));
  }
}

/** A path segment that names one record (a user id, an email, a uuid) rather than an API route; `v1` is a route. */
function isIdLike(segment: string): boolean {
  return /[@%]/.test(segment) || (/\d/.test(segment) && !/^v\d+(\.\d+)*$/i.test(segment));
}

/**
 * The URL pattern a saved response should answer: from the first path segment that looks like an
 * id (digits, `@`, `%`; not a version such as `v1`) the rest becomes `*`, and so does a query
 * string, so one fixture answers the same call for every fixture event.
 *
 * @example
 * suggestUrlPattern("https://track.customer.io/api/v1/customers/user-7/events") // "https://track.customer.io/api/v1/customers/*"
 */
export function suggestUrlPattern(url: string): string {
  const queryAt = url.indexOf("?");
  const path = queryAt >= 0 ? url.slice(0, queryAt) : url;
  const originEnd = path.indexOf("/", path.indexOf("//") + 2);
  if (originEnd < 0) return queryAt >= 0 ? `${path}*` : path;
  const segments = path.slice(originEnd + 1).split("/");
  const at = segments.findIndex(isIdLike);
  if (at >= 0) return `${path.slice(0, originEnd + 1)}${[...segments.slice(0, at), "*"].join("/")}`;
  return queryAt >= 0 ? `${path}*` : path;
}
