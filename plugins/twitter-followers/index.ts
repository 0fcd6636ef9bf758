import type { PluginMeta } from "@posthog/plugin-scaffold";
import { fetchWithRetry, followersUrl, normalizeHandle, readEntries } from "./lib/read-followers.ts";

type Meta = PluginMeta<{ twitterHandle?: string }>;

const DISPLAY_NAME = "Twitter Followers";
const LAST_DAY_KEY = "last-captured-day";

/** Checks that the handle exists: it must be non-empty and the endpoint must know it. */
export async function setupPlugin({ config, fetch }: Meta): Promise<void> {
  const handle = normalizeHandle(config.twitterHandle);
  if (!handle) throw new Error("Invalid Twitter handle.");
  const entries = await readEntries(await fetchWithRetry(fetch, followersUrl(handle)));
  if (!entries) throw new Error("Invalid Twitter handle.");
}

/** Captures `twitter_followers` with `follower_count`, once per UTC day (a second run that day does nothing). */
export async function runEveryDay({ config, fetch, posthog, storage, logger }: Meta): Promise<void> {
  const handle = normalizeHandle(config.twitterHandle);
  const day = new Date().toISOString().slice(0, 10);
  if ((await storage.get(LAST_DAY_KEY, null)) === day) {
    logger.info(`Followers of ${handle} already captured for ${day}`);
    return;
  }
  const response = await fetchWithRetry(fetch, followersUrl(handle), { method: "GET" });
  const entries = await readEntries(response);
  const count = entries?.[0]?.followers_count;
  if (typeof count !== "number") throw new Error(`Could not read followers for ${handle}: status=${response.status}`);
  await posthog.capture("twitter_followers", { follower_count: count, distinct_id: DISPLAY_NAME });
  await storage.set(LAST_DAY_KEY, day);
}
