import { loadAnnotationContents } from "@connectors/connector-kit";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import { fetchReleases } from "./lib/fetch-releases.ts";
import { normalizeHost } from "./lib/normalize-host.ts";

type Config = { posthogHost?: string; posthogPersonalApiKey: string; posthogProjectApiKey: string; ghOwner: string; ghRepo: string; ghToken?: string };
type Meta = PluginMeta<Config, { posthogHost: string }>;

const ANNOTATIONS_PATH = "/api/projects/@current/annotations";
const HOUR_MS = 3_600_000;
const DISPLAY_NAME = "GitHub Release Tracker";

/** Normalises the PostHog host (protocol added, trailing slash removed, empty means app.posthog.com). */
export function setupPlugin({ config, global }: Meta): void {
  global.posthogHost = normalizeHost(config.posthogHost, "https://app.posthog.com");
}

/** Once an hour: an `organization` annotation for every published release that has none yet. */
export async function runEveryMinute({ config, global, cache, fetch, posthog, logger }: Meta): Promise<void> {
  const now = Date.now();
  const lastRun = Number(await cache.get("lastRun", 0));
  if (lastRun && now - lastRun < HOUR_MS) return;
  if (await cache.get("snoozing", false)) return;
  const apiOptions = { host: global.posthogHost, projectApiKey: config.posthogProjectApiKey, personalApiKey: config.posthogPersonalApiKey };
  const existing = await loadAnnotationContents(posthog, ANNOTATIONS_PATH, apiOptions);
  const result = await fetchReleases(fetch, config.ghOwner, config.ghRepo, config.ghToken);
  if ("retryAfterSeconds" in result) {
    logger.warn(`GitHub rate limit reached; trying again in ${result.retryAfterSeconds} s`);
    return cache.set("snoozing", true, result.retryAfterSeconds);
  }
  for (const release of result.releases) {
    if (existing.has(release.name)) continue;
    const response = await posthog.api.post(ANNOTATIONS_PATH, { ...apiOptions, data: { content: release.name, scope: "organization", date_marker: release.date } });
    if (response.status === 201) {
      existing.add(release.name);
      await posthog.capture("created_release_annotation", { release: release.name, distinct_id: DISPLAY_NAME });
    } else {
      const error = await response.text().catch(() => "");
      logger.error(`failed to create annotation ${release.name} with status ${response.status} and error ${error}`);
    }
  }
  await cache.set("lastRun", now);
}
