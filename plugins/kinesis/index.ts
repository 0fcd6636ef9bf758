import type { PluginMeta } from "@posthog/plugin-scaffold";
import { callKinesis } from "./lib/call-kinesis.ts";
import { kinesisSettings, processShard, type KinesisConfig, type KinesisShard, type ProcessShardPayload } from "./lib/process-shard.ts";

type Meta = PluginMeta<KinesisConfig>;

const REQUIRED: Array<keyof KinesisConfig> = ["kinesisStreamName", "iamAccessKeyId", "iamSecretAccessKey", "awsRegion", "eventKey"];

/** Checks the config (no network call). The region becomes part of the endpoint host, so it must look like one. */
export function setupPlugin({ config }: Meta): void {
  for (const key of REQUIRED) {
    if (typeof config[key] !== "string" || config[key].trim() === "") throw new Error(`Required config option ${key} is missing!`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.awsRegion.trim())) throw new Error(`AWS region "${config.awsRegion}" is not a region name such as eu-west-1`);
}

/** Lists the stream's shards and runs `processShard` for each now (the original never called runNow). */
export async function runEveryMinute(meta: Meta): Promise<void> {
  const startedAt = Date.now();
  const stream = meta.config.kinesisStreamName;
  let shards: KinesisShard[];
  try {
    const answer = await callKinesis<{ StreamDescription?: { Shards?: KinesisShard[] } }>(meta.fetch, kinesisSettings(meta.config), "DescribeStream", { StreamName: stream });
    shards = answer.StreamDescription?.Shards ?? [];
  } catch (error) {
    meta.logger.error(`Error describing Kinesis stream ${stream}: ${(error as Error).message}`);
    return;
  }
  for (const shard of shards) {
    const payload: ProcessShardPayload = { shard, startedAt };
    await meta.jobs.processShard!(payload).runNow();
  }
}

export const jobs = {
  /** Reads one shard from its cached iterator; see lib/process-shard.ts. */
  processShard: (payload: ProcessShardPayload, meta: Meta) => processShard(payload, meta),
};
