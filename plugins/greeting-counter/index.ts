import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { nextGreetingCount } from "./lib/next-greeting-count.ts";
import { randomNumber } from "./lib/random-number.ts";

type Meta = PluginMeta<{ greeting?: string }>;

/** Logs the configured greeting once; never fails. */
export function setupPlugin({ config, logger }: Meta): void {
  logger.log(config.greeting);
}

/** Writes `greeting`, `greeting_counter` (0, 1, 2, ... per project) and `random_number` (4) into the properties, creating them if needed. */
export async function processEvent(event: PluginEvent, { config, cache }: Meta): Promise<PluginEvent> {
  const counter = await nextGreetingCount(cache);
  event.properties ??= {};
  event.properties.greeting = config.greeting;
  event.properties.greeting_counter = counter;
  event.properties.random_number = randomNumber();
  return event;
}
