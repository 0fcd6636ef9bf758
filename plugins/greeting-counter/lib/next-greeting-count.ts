import type { CacheExtension } from "@posthog/plugin-scaffold";

/** The cache key of the counter (shared by every config of the plugin in one project). */
export const COUNTER_KEY = "greeting_counter";

/** The counter value before this event's increment: 0 for the first event, then 1, 2, ... (atomic `incr`). */
export async function nextGreetingCount(cache: CacheExtension): Promise<number> {
  return (await cache.incr(COUNTER_KEY)) - 1;
}
