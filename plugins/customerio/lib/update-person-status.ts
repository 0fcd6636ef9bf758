import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { findEmail } from "./find-email.ts";

/** What the storage knows about an event's person, including this event's contribution. */
export interface PersonStatus {
  status: string[];
  existsAlready: boolean;
  email: string | undefined;
}

/** Reads `customer-status/<distinct_id>`, adds seen / identified / with_email, writes back when it grew. */
export async function updatePersonStatus(meta: PluginMeta, event: ProcessedPluginEvent): Promise<PersonStatus> {
  const key = `customer-status/${event.distinct_id}`;
  const stored = await meta.storage.get(key, []);
  const before = Array.isArray(stored) ? (stored as string[]) : [];
  const status = [...before];
  const existsAlready = before.includes("seen");
  const email = findEmail(event);
  const add = (flag: string) => void (status.includes(flag) || status.push(flag));
  add("seen");
  if (event.event === "$identify") add("identified");
  if (email) add("with_email");
  if (status.length > before.length) await meta.storage.set(key, status);
  return { status, existsAlready, email };
}
