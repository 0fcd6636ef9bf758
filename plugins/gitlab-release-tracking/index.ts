import { loadAnnotationContents } from "@connectors/connector-kit";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import { checkProject, fetchTags, gitlabHeaders, projectApiUrl } from "./lib/gitlab-api.ts";
import { normalizeHost } from "./lib/normalize-host.ts";

type Config = { posthogHost?: string; gitlabHost?: string; gitlabProjectId: string; gitlabToken?: string };
type Global = { posthogHost: string; gitlabApiBaseUrl: string; gitlabOptions: { headers: Record<string, string> } };
type Meta = PluginMeta<Config, Global>;

const ANNOTATIONS_PATH = "/api/projects/@current/annotations/";

/** Normalises both hosts and checks that GitLab knows the project. */
export async function setupPlugin({ config, global, fetch }: Meta): Promise<void> {
  const gitlabHost = normalizeHost(config.gitlabHost, "https://gitlab.com");
  global.gitlabApiBaseUrl = projectApiUrl(gitlabHost, config.gitlabProjectId);
  global.posthogHost = normalizeHost(config.posthogHost, "https://app.posthog.com");
  global.gitlabOptions = { headers: gitlabHeaders(config.gitlabToken) };
  await checkProject(fetch, global.gitlabApiBaseUrl, global.gitlabOptions.headers);
}

/** A project-scoped annotation for every tag with no annotation of that name (PostHog's own credentials). */
export async function runEveryHour({ global, fetch, posthog, logger }: Meta): Promise<void> {
  const options = { host: global.posthogHost };
  const existing = await loadAnnotationContents(posthog, `${ANNOTATIONS_PATH}?scope=project&deleted=false`, options);
  const tags = await fetchTags(fetch, global.gitlabApiBaseUrl, global.gitlabOptions.headers);
  for (const tag of tags) {
    if (existing.has(tag.name)) continue;
    const response = await posthog.api.post(ANNOTATIONS_PATH, { ...options, data: { content: tag.name, scope: "project", date_marker: tag.date } });
    if (response.status === 201) {
      existing.add(tag.name);
      logger.log(`added annotation: ${tag.name}`);
    } else {
      logger.error(`failed to create annotation ${tag.name}: status=${response.status}`);
    }
  }
}
