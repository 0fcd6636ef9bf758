import { createTokenProvider, parseServiceAccount, type ServiceAccount, type TokenProvider } from "@connectors/google-auth";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { chunkMessages } from "./lib/chunk-messages.ts";
import { ensureTopic } from "./lib/ensure-topic.ts";
import { callPubSub, topicUrl } from "./lib/pubsub-api.ts";
import { toMessage } from "./lib/to-message.ts";

interface Client {
  account: ServiceAccount;
  tokens: TokenProvider;
  topic: string;
}
type Meta = PluginMeta<{ topicId?: string }, { client?: Client }>;

const SCOPE = "https://www.googleapis.com/auth/pubsub";

/** Reads the key file and makes sure the topic exists (creating it on 404). @throws Error when that fails (plugin disabled) */
export async function setupPlugin(meta: Meta): Promise<void> {
  const attachment = meta.attachments.googleCloudKeyJson;
  if (!attachment) throw new Error("JSON config not provided!");
  if (!meta.config.topicId) throw new Error("Topic ID not provided!");
  const account = parseServiceAccount(attachment.contents);
  const tokens = createTokenProvider({ account, scope: SCOPE, fetch: meta.fetch });
  await ensureTopic(meta, tokens, account.project_id, meta.config.topicId);
  meta.global.client = { account, tokens, topic: meta.config.topicId };
}

/** Publishes one message per event (≤ 1000 per request). @throws RetryError when a publish fails (the batch is retried; duplicates accepted) */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const client = meta.global.client;
  if (!client) throw new Error("No PubSub client initialized!");
  if (events.length === 0) return;
  const data = events.map((event) => Buffer.from(JSON.stringify(toMessage(event)), "utf8").toString("base64"));
  const url = `${topicUrl(client.account.project_id, client.topic)}:publish`;
  try {
    for (const chunk of chunkMessages(data)) {
      await callPubSub(meta, client.tokens, "publish", "POST", url, { messages: chunk.map((item) => ({ data: item })) });
    }
  } catch (error) {
    const details = error instanceof Error ? error.message : String(error);
    meta.logger.error(`Error publishing ${events.length} event(s) to Pub/Sub: ${details}`);
    throw new RetryError(`Error publishing to Pub/Sub! ${details}`);
  }
}
