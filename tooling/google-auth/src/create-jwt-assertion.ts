import { createSign } from "node:crypto";
import type { ServiceAccount } from "./parse-service-account.ts";

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/**
 * The RS256-signed JWT a service account exchanges for an access token:
 * `{iss: client_email, scope, aud: token_uri, iat, exp: iat + 3600}`.
 *
 * @param nowSeconds - issue time in Unix seconds
 */
export function createJwtAssertion(account: Pick<ServiceAccount, "client_email" | "private_key" | "token_uri">, scope: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ iss: account.client_email, scope, aud: account.token_uri, iat: nowSeconds, exp: nowSeconds + 3600 }));
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(account.private_key);
  return `${header}.${payload}.${base64url(signature)}`;
}
