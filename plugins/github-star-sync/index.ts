import type { PluginMeta } from "@posthog/plugin-scaffold";
import { fetchRepositoryId, fetchStarsPage } from "./lib/github-api.ts";
import { StarCursor } from "./lib/star-cursor.ts";

type Config = { user: string; repo: string; token?: string; eventName?: string; resetStorage?: "No" | "Yes" | "" };
type Meta = PluginMeta<Config, { projectId?: number }>;

const DISPLAY_NAME = "Github Star Sync";
const CAUGHT_UP_SNOOZE_S = 300;

/** Finds the repository id (cached in storage `projectCache`), and resets the import when `resetStorage` is `Yes`. */
export async function setupPlugin({ config, storage, global, fetch }: Meta): Promise<void> {
  const { user, repo } = config;
  if (!user || !repo) throw new Error("Please set the 'user' or 'repo' config values");
  const cached = (await storage.get("projectCache", null)) as { projectId?: number; user?: string; repo?: string } | null;
  let projectId = cached?.projectId && cached.user === user && cached.repo === repo ? cached.projectId : undefined;
  if (!projectId) {
    projectId = await fetchRepositoryId(fetch, user, repo, config.token);
    if (projectId) await storage.set("projectCache", { projectId, user, repo });
  }
  if (!projectId) throw new Error(`Could not get ID for Github project: ${user}/${repo}`);
  if (config.resetStorage === "Yes") {
    await storage.del(`lastCapturedTime-${projectId}`);
    await storage.del(`lastCapturedIds-${projectId}`);
    await storage.del(`page-${projectId}`);
  }
  global.projectId = projectId;
}

/** Reads the next stargazers page and captures the stars newer than the cursor; snoozes when caught up or limited. */
export async function runEveryMinute({ config, storage, cache, global, fetch, posthog, logger }: Meta): Promise<void> {
  if (await cache.get("snoozing", false)) return;
  const projectId = global.projectId!;
  const page = Number(await storage.get(`page-${projectId}`, 1)) || 1;
  const result = await fetchStarsPage(fetch, projectId, page, config.token);
  if ("rateLimitedFor" in result) {
    logger.warn(`GitHub rate limit reached; pausing for ${result.rateLimitedFor} s`);
    return cache.set("snoozing", true, result.rateLimitedFor);
  }
  if ("failed" in result) {
    logger.error(result.failed);
    return cache.set("snoozing", true, CAUGHT_UP_SNOOZE_S);
  }
  const cursor = await new StarCursor(storage, projectId).load();
  for (const star of result.stars) {
    if (!cursor.isNew(star)) continue;
    await posthog.capture(config.eventName || "GitHub Star", {
      distinct_id: DISPLAY_NAME,
      timestamp: star.starred_at,
      repository: `${config.user}/${config.repo}`,
      starred_at: star.starred_at,
      user: star.user?.login,
      user_id: star.user?.id,
      user_url: star.user?.url,
      avatar: star.user?.avatar_url,
    });
    await cursor.advance(star);
  }
  if (result.stars.length === 100) await storage.set(`page-${projectId}`, page + 1);
  else await cache.set("snoozing", true, CAUGHT_UP_SNOOZE_S);
}
