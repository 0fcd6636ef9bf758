import { secretKeys } from "@connectors/plugin-api";
import { REDACTED, type Connector } from "@connectors/harness";

const BASE64_TOKEN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

/**
 * What the page may see of a run's outputs and state: the connector's redactor (raw, URL- and
 * JSON-encoded secrets), plus base64 tokens whose decoded text holds a secret (a
 * `Basic base64(id:key)` header kept as a storage key, say) also become `[REDACTED]`.
 */
export function createPageRedactor(connector: Connector): <T>(value: T) => T {
  const secrets = secretKeys(connector.manifest)
    .map((key) => connector.config[key])
    .filter((value): value is string => typeof value === "string" && value.length >= 3);
  const text = (input: string): string => {
    const redacted = connector.redact(input);
    if (!secrets.length) return redacted;
    return redacted.replace(BASE64_TOKEN, (token) => {
      const decoded = Buffer.from(token.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
      return secrets.some((secret) => decoded.includes(secret)) ? REDACTED : token;
    });
  };
  const deep = <T>(value: T): T => {
    if (typeof value === "string") return text(value) as T;
    if (Array.isArray(value)) return value.map(deep) as T;
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), deep(v)])) as T;
    return value;
  };
  return deep;
}
