import { parseServiceAccount, type ServiceAccount } from "@connectors/google-auth";
import type { PluginAttachment } from "@posthog/plugin-scaffold";

/**
 * Reads the service-account key file a Google Cloud connector takes as an attachment, with the legacy
 * connectors' message for a file that is not JSON.
 *
 * @throws Error `Credentials JSON file has invalid JSON!` when it is not a JSON object; the
 *   InvalidServiceAccountError of `parseServiceAccount` when it lacks `client_email` or `private_key`
 */
export function parseCredentialsFile(attachment: PluginAttachment): ServiceAccount {
  try {
    return parseServiceAccount(attachment.contents);
  } catch (error) {
    if ((error as { reason?: string }).reason === "json") throw new Error("Credentials JSON file has invalid JSON!");
    throw error;
  }
}
