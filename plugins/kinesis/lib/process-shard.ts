import type { PluginMeta } from "@posthog/plugin-scaffold";
import { callKinesis, KinesisError, type KinesisSettings } from "./call-kinesis.ts";
import { transformKinesisRecordToPosthogEvent } from "./transform-kinesis-record.ts";

/** Seconds a cached shard iterator lives (Kinesis iterators expire after 5 minutes). */
export const ITERATOR_TTL_S = 120;
/** How long one scheduled cycle keeps reading, counted from `startedAt`. */
export const READ_BUDGET_MS = 60_000;

/** A shard as DescribeStream returns it (only `ShardId` is used). */
export interface KinesisShard {
  ShardId: string;
  [key: string]: unknown;
}

/** Payload of the `processShard` job. */
export interface ProcessShardPayload {
  shard: KinesisShard;
  startedAt: number;
}

/** The connector config the job reads. */
export interface KinesisConfig {
  kinesisStreamName: string;
  iamAccessKeyId: string;
  iamSecretAccessKey: string;
  awsRegion: string;
  eventKey: string;
  additionalPropertyMappings?: string;
}

interface GetRecordsOutput {
  Records?: Array<{ Data?: string; SequenceNumber?: string }>;
  NextShardIterator?: string;
  MillisBehindLatest?: number;
}

type Meta = Pick<PluginMeta<KinesisConfig>, "config" | "cache" | "fetch" | "logger" | "posthog">;

/** Cache key of a shard's iterator: `_kinesis_shard_<stream>_<ShardId>` (the original's). */
export function shardCacheKey(stream: string, shardId: string): string {
  return `_kinesis_shard_${stream}_${shardId}`;
}

/** Settings of the Kinesis calls, from the config. */
export function kinesisSettings(config: KinesisConfig): KinesisSettings {
  return { region: config.awsRegion.trim(), accessKeyId: config.iamAccessKeyId.trim(), secretAccessKey: config.iamSecretAccessKey };
}

/** A fresh `LATEST` iterator, or undefined (logged) when Kinesis fails or answers without one. */
async function latestIterator(meta: Meta, shardId: string): Promise<string | undefined> {
  const stream = meta.config.kinesisStreamName;
  try {
    const answer = await callKinesis<{ ShardIterator?: string }>(meta.fetch, kinesisSettings(meta.config), "GetShardIterator", { ShardId: shardId, ShardIteratorType: "LATEST", StreamName: stream });
    if (answer.ShardIterator) return answer.ShardIterator;
    meta.logger.error(`ShardIterator is not defined (stream ${stream}, shard ${shardId})`);
  } catch (error) {
    meta.logger.error(`Error getting a shard iterator for ${stream}/${shardId}: ${(error as Error).message}`);
  }
  return undefined;
}

/** Decodes, transforms and captures the records of one GetRecords answer, in order. */
async function captureRecords(meta: Meta, records: NonNullable<GetRecordsOutput["Records"]>): Promise<void> {
  for (const record of records) {
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(record.Data as string, "base64").toString("utf8"));
    } catch (error) {
      meta.logger.error(`Failed decoding Buffer, skipping record: ${(error as Error).message}`);
      continue;
    }
    const event = transformKinesisRecordToPosthogEvent(payload, meta.config.eventKey, meta.config.additionalPropertyMappings, meta.logger);
    if (!event) continue;
    meta.logger.log(`Event captured from Kinesis stream: ${JSON.stringify(event)}`);
    await meta.posthog.capture(event.event, event.properties);
  }
}

/**
 * Job `processShard`: reads the shard from the cached iterator (or a new `LATEST` one), captures one
 * event per JSON record and caches the next iterator for 120 s after each batch. Stops when the shard is
 * closed, caught up (empty batch, not behind), 60 s after `startedAt`, or on an error (logged). An
 * expired iterator is replaced by a `LATEST` one once.
 */
export async function processShard(payload: ProcessShardPayload, meta: Meta): Promise<void> {
  const shardId = payload?.shard?.ShardId;
  if (typeof shardId !== "string" || shardId === "") {
    meta.logger.error(`processShard needs a shard with a ShardId (got ${JSON.stringify(payload?.shard)})`);
    return;
  }
  const startedAt = Number(payload.startedAt) || Date.now();
  const key = shardCacheKey(meta.config.kinesisStreamName, shardId);
  const cached = (await meta.cache.get(key, null)) as string | null;
  let iterator = cached || (await latestIterator(meta, shardId));
  let refreshed = !cached;
  while (iterator) {
    let batch: GetRecordsOutput;
    try {
      batch = await callKinesis<GetRecordsOutput>(meta.fetch, kinesisSettings(meta.config), "GetRecords", { ShardIterator: iterator });
    } catch (error) {
      if (error instanceof KinesisError && error.name === "ExpiredIteratorException" && !refreshed) {
        meta.logger.warn(`Shard iterator of ${shardId} expired; continuing from LATEST`);
        iterator = await latestIterator(meta, shardId);
        refreshed = true;
        continue;
      }
      meta.logger.error(`Error reading records from ${meta.config.kinesisStreamName}/${shardId}: ${(error as Error).message}`);
      return;
    }
    refreshed = false;
    const records = Array.isArray(batch.Records) ? batch.Records : [];
    await captureRecords(meta, records);
    if (!batch.NextShardIterator) return; // closed shard
    await meta.cache.set(key, batch.NextShardIterator, ITERATOR_TTL_S);
    iterator = batch.NextShardIterator;
    if (records.length === 0 && !batch.MillisBehindLatest) return; // caught up: the next minute resumes here
    if (Date.now() - startedAt >= READ_BUDGET_MS) return;
  }
}
