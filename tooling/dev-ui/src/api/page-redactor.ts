import { redactDeep, type Connector } from "@connectors/harness";

/**
 * What the page may see of a run's outputs and state: every string and object key through the
 * connector's redactor, the same one the harness applies to every output channel (raw, URL-, form-
 * and JSON-encoded secrets, and base64 tokens holding one, such as a `Basic base64(id:key)` header
 * kept as a storage key).
 */
export function createPageRedactor(connector: Connector): <T>(value: T) => T {
  return <T>(value: T): T => redactDeep(value, connector.redact);
}
