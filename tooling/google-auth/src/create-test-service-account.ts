import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { ServiceAccount } from "./parse-service-account.ts";

let cachedKey: { privateKey: string; publicKey: KeyObject } | undefined;

/**
 * For tests: a throwaway service account with a freshly generated 2048-bit RSA key (generated once per
 * process), and its public key to verify assertions with. Never use it outside tests.
 */
export function createTestServiceAccount(overrides: Partial<ServiceAccount> = {}): { account: ServiceAccount; json: string; publicKey: KeyObject } {
  if (!cachedKey) {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    cachedKey = { privateKey: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: pair.publicKey };
  }
  const account: ServiceAccount = {
    project_id: "proj-1",
    client_email: "ph@proj-1.iam.gserviceaccount.com",
    private_key: cachedKey.privateKey,
    token_uri: "https://oauth2.googleapis.com/token",
    ...overrides,
  };
  return { account, json: JSON.stringify({ type: "service_account", ...account }), publicKey: cachedKey.publicKey };
}
