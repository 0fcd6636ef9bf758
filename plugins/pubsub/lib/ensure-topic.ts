import type { TokenProvider } from "@connectors/google-auth";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import { callPubSub, PubSubApiError, topicUrl } from "./pubsub-api.ts";

/**
 * Checks the topic exists (GET) and creates it (PUT `{}`) on 404; a 409 on creation (another worker won the
 * race) is fine. @throws the existence check's or the creation's other errors
 */
export async function ensureTopic(meta: Pick<PluginMeta, "fetch" | "logger">, tokens: TokenProvider, project: string, topic: string): Promise<void> {
  const url = topicUrl(project, topic);
  try {
    await callPubSub(meta, tokens, "topics.get", "GET", url);
    return;
  } catch (error) {
    if (!(error instanceof PubSubApiError && error.status === 404)) throw error;
  }
  try {
    await callPubSub(meta, tokens, "topics.create", "PUT", url, {});
    meta.logger.log(`Created Pub/Sub topic projects/${project}/topics/${topic}`);
  } catch (error) {
    if (!(error instanceof PubSubApiError && error.status === 409)) throw error;
  }
}
