/** Checks `webhookUrl` is an http(s) URL. @throws Error naming the setting and the fix */
export function readWebhookUrl(raw: unknown): string {
  const value = typeof raw === "string" ? raw.trim() : "";
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new Error(`webhookUrl ${JSON.stringify(value)} is not a valid http(s) URL: set it to your Patterns webhook URL, e.g. https://api.patterns.app/api/app/webhooks/<id>`);
  }
  return value;
}
