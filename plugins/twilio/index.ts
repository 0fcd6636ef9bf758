import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { readSettings, type TwilioConfig, type TwilioSettings } from "./lib/read-settings.ts";
import { sendMessage } from "./lib/send-message.ts";

interface Payload {
  eventName: string;
  /** uuid of the triggering event, named in failure logs. */
  uuid?: string;
}

type Meta = PluginMeta<TwilioConfig, { settings: TwilioSettings }>;

/** Checks the config (no network call). @throws Error('timeout is not supported') or a placeholder Error */
export function setupPlugin(meta: Meta): void {
  meta.global.settings = readSettings(meta.config);
}

/** Enqueues `sendMessageWithTwilio` for an event with a configured number. */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  if (!meta.global.settings.numbers[event.event]) return;
  await meta.jobs.sendMessageWithTwilio!({ eventName: event.event, uuid: event.uuid }).runNow();
}

export const jobs = {
  /** Sends the SMS unless one went out for this event and number within `timeout` seconds (throttle set before sending). */
  async sendMessageWithTwilio(payload: Payload, meta: Meta): Promise<void> {
    const { settings } = meta.global;
    const number = settings.numbers[payload.eventName];
    if (!number) return;
    const key = `${payload.eventName}-${number}`;
    if (await meta.cache.get(key, null)) return;
    await meta.cache.set(key, true, settings.timeoutSeconds);
    try {
      await sendMessage(meta, settings, payload.eventName, meta.config.senderPhoneNumber, number);
    } catch (error) {
      meta.logger.error(`SMS for ${payload.eventName}${payload.uuid ? ` (event ${payload.uuid})` : ""} to ${number} not sent: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  },
};
