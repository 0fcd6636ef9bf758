import type { PluginFetch } from "@posthog/plugin-scaffold";
import { requestWithRetry } from "./request-with-retry.ts";

/** Contents of the organization's annotations (legacy `/api/annotation/`), following `next`. */
export async function loadAnnotationContents(fetch: PluginFetch, host: string, headers: Record<string, string>): Promise<Set<string>> {
  const contents = new Set<string>();
  const seen = new Set<string>();
  for (let url: string | null = `${host}/api/annotation/?scope=organization&deleted=false`; url; ) {
    if (seen.has(url)) break;
    seen.add(url);
    const response = await requestWithRetry(fetch, url, { headers });
    const body = (await response.json().catch(() => null)) as { next?: string | null; results?: Array<{ content?: unknown }> } | null;
    if (!response.ok || !Array.isArray(body?.results)) throw new Error(`Could not load annotations. Response: status=${response.status} ${JSON.stringify(body)}`);
    for (const annotation of body.results) if (typeof annotation?.content === "string") contents.add(annotation.content);
    url = body.next ?? null;
  }
  return contents;
}

/** POSTs an organization annotation; the status PostHog answered (201 when created). */
export async function createAnnotation(fetch: PluginFetch, host: string, headers: Record<string, string>, content: string, date: string): Promise<number> {
  const response = await requestWithRetry(fetch, `${host}/api/annotation/`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ content, scope: "organization", date_marker: date }),
  });
  return response.status;
}
