import type { PluginMeta } from "@posthog/plugin-scaffold";
import { bitbucketHeaders, fetchAllTags } from "./lib/bitbucket-api.ts";
import { normalizeHost } from "./lib/normalize-host.ts";
import { createAnnotation, loadAnnotationContents } from "./lib/posthog-annotations.ts";
import { requestWithRetry } from "./lib/request-with-retry.ts";

type Config = {
  posthogHost?: string;
  posthogApiKey: string;
  bitbucketHost?: string;
  bitbucketWorkspace: string;
  repoName: string;
  bitbucketUsername?: string;
  bitbucketToken?: string;
};
type Global = { posthogHost: string; bitbucketApiBaseUrl: string; bitbucketAuthHeader: Record<string, string>; posthogOptions: { headers: Record<string, string> } };
type Meta = PluginMeta<Config, Global>;

const HOUR_MS = 3_600_000;
const DISPLAY_NAME = "Bitbucket Release Tracker";

/** Builds the hosts and headers, then checks the PostHog key and the repository. */
export async function setupPlugin({ config, global, fetch }: Meta): Promise<void> {
  global.bitbucketAuthHeader = bitbucketHeaders(config.bitbucketUsername, config.bitbucketToken);
  global.posthogOptions = { headers: { Authorization: `Bearer ${config.posthogApiKey}` } };
  global.posthogHost = normalizeHost(config.posthogHost, "https://app.posthog.com");
  const bitbucketHost = normalizeHost(config.bitbucketHost, "https://bitbucket.org");
  global.bitbucketApiBaseUrl = `${bitbucketHost}/api/2.0/repositories/${encodeURIComponent(config.bitbucketWorkspace)}/${encodeURIComponent(config.repoName)}`;
  let me: Response;
  let repo: Response;
  try {
    me = await requestWithRetry(fetch, `${global.posthogHost}/api/users/@me`, global.posthogOptions);
    if (me.status !== 200) throw new Error("Invalid PostHog Personal API key");
    repo = await requestWithRetry(fetch, global.bitbucketApiBaseUrl, { headers: global.bitbucketAuthHeader });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.endsWith("failed.") ? `Unable to connect to APIs: ${message}` : message);
  }
  if (repo.status !== 200) throw new Error("Unable to connect to Bitbucket - Invalid Bitbucket host, workspace, repo name, or token");
}

/** At most once an hour: an organization annotation (and a `created_tag_annotation` event) for every new tag. */
export async function runEveryMinute({ global, cache, fetch, posthog, logger }: Meta): Promise<void> {
  const now = Date.now();
  const lastRun = Number(await cache.get("lastRun", 0));
  if (lastRun && now - lastRun < HOUR_MS) return;
  if (await cache.get("snoozing", false)) return;
  const headers = global.posthogOptions.headers;
  const existing = await loadAnnotationContents(fetch, global.posthogHost, headers);
  const result = await fetchAllTags(fetch, global.bitbucketApiBaseUrl, global.bitbucketAuthHeader);
  if ("retryAfterSeconds" in result) {
    logger.warn(`Bitbucket rate limit reached; trying again in ${result.retryAfterSeconds} s`);
    return cache.set("snoozing", true, result.retryAfterSeconds);
  }
  for (const tag of result.tags) {
    if (existing.has(tag.name)) continue;
    const status = await createAnnotation(fetch, global.posthogHost, headers, tag.name, tag.date);
    if (status === 201) {
      existing.add(tag.name);
      await posthog.capture("created_tag_annotation", { tag: tag.name, distinct_id: DISPLAY_NAME });
    } else {
      logger.error(`failed to create annotation ${tag.name}: status=${status}`);
    }
  }
  await cache.set("lastRun", now);
}
