import type { ApiMethodOptions, PostHogExtension } from "@posthog/plugin-scaffold";

/**
 * Every annotation `content` the PostHog annotations API lists, following `next` from page to page (as
 * pathname plus query, without the `token` parameter the runtime adds again). Release trackers use it to
 * skip releases that already have an annotation.
 *
 * @param posthog - `meta.posthog`
 * @param firstPath - the first page, e.g. `/api/projects/@current/annotations`
 * @param options - host and keys for `posthog.api.get`
 * @throws Error `Could not load annotations. Response: <body>` when a page has no `results` array, or when
 *   a `next` points back to a page already read
 */
export async function loadAnnotationContents(posthog: PostHogExtension, firstPath: string, options: ApiMethodOptions): Promise<Set<string>> {
  const contents = new Set<string>();
  const seen = new Set<string>();
  for (let path: string | null = firstPath; path; ) {
    if (seen.has(path)) throw new Error(`Could not load annotations: the API pointed back to ${path}`);
    seen.add(path);
    const response = await posthog.api.get(path, options);
    const body = (await response.json().catch(() => null)) as { next?: string | null; results?: Array<{ content?: unknown }> } | null;
    if (!Array.isArray(body?.results)) throw new Error(`Could not load annotations. Response: ${JSON.stringify(body)}`);
    for (const annotation of body.results) if (typeof annotation?.content === "string") contents.add(annotation.content);
    path = body.next ? nextPath(body.next) : null;
  }
  return contents;
}

/** The path and query of an absolute `next` URL, without the token the runtime adds again. */
function nextPath(next: string): string {
  const url = new URL(next, "https://placeholder.invalid");
  url.searchParams.delete("token");
  return `${url.pathname}${url.search}`;
}
