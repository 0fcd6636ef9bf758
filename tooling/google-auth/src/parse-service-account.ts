/** The fields of a Google service-account key file the connectors use. */
export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  /** Token endpoint (default `https://oauth2.googleapis.com/token`). */
  token_uri: string;
}

/** The default token endpoint. */
export const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

/** A service-account file that is not JSON or lacks a field; `reason` says which. */
export class InvalidServiceAccountError extends Error {
  readonly reason: "json" | "field";
  constructor(reason: "json" | "field", message: string) {
    super(message);
    this.name = "InvalidServiceAccountError";
    this.reason = reason;
  }
}

/**
 * Parses a service-account key file (attachment bytes or text).
 *
 * @throws InvalidServiceAccountError when it is not JSON (`reason: "json"`) or lacks `client_email` / `private_key` (`reason: "field"`)
 */
export function parseServiceAccount(contents: Uint8Array | string): ServiceAccount {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(typeof contents === "string" ? contents : Buffer.from(contents).toString("utf8"));
  } catch {
    throw new InvalidServiceAccountError("json", "The service-account key file is not valid JSON. Fix: upload the JSON key downloaded from Google Cloud (IAM > Service accounts > Keys)");
  }
  if (typeof data !== "object" || data === null) throw new InvalidServiceAccountError("json", "The service-account key file must hold a JSON object");
  for (const field of ["client_email", "private_key"] as const) {
    if (typeof data[field] !== "string" || !data[field]) throw new InvalidServiceAccountError("field", `The service-account key file has no "${field}". Fix: upload the JSON key of a service account`);
  }
  return {
    project_id: typeof data.project_id === "string" ? data.project_id : "",
    client_email: data.client_email as string,
    private_key: data.private_key as string,
    token_uri: typeof data.token_uri === "string" && data.token_uri ? data.token_uri : GOOGLE_TOKEN_URI,
  };
}
