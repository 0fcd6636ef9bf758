import { createHmac } from "node:crypto";
import { canonicalRequest, sha256Hex, signedHeaderNames } from "./canonical-request.ts";
import { formatAmzDate } from "./format-amz-date.ts";

/** AWS credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials' token, sent as `x-amz-security-token`. */
  sessionToken?: string;
}

/** A request to sign. */
export interface SignRequestInput {
  method: string;
  url: string | URL;
  /** Headers to send and sign (Content-Type, X-Amz-Target, SSE headers, ...). */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** `s3`, `kinesis`, ... */
  service: string;
  region: string;
  credentials: AwsCredentials;
  /** Signing time (pass the harness clock's time for reproducible signatures). */
  date: Date;
  /** Send and sign `x-amz-content-sha256` (S3 needs it). Default: true for `s3`. */
  contentSha256Header?: boolean;
}

/** A signed request's pieces, for tests and logs (the signature is secret-derived but not a secret). */
export interface SignedRequest {
  /** Headers to pass to fetch: the input headers plus `x-amz-date`, `authorization`, and as asked `x-amz-content-sha256` / `x-amz-security-token`. `host` is signed but left to fetch. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** The SigV4 signing key: HMAC chain `"AWS4"+secret` → date → region → service → `aws4_request`. */
export function deriveSigningKey(secretAccessKey: string, yyyymmdd: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, yyyymmdd), region), service), "aws4_request");
}

/**
 * Signs a request with AWS Signature Version 4 (`AWS4-HMAC-SHA256`).
 *
 * @example
 * const { headers } = signRequest({ method: "PUT", url, body, service: "s3", region: "eu-central-1", credentials, date: new Date(clock.now()) });
 * await meta.fetch(url, { method: "PUT", headers, body });
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const url = typeof input.url === "string" ? new URL(input.url) : input.url;
  const amzDate = formatAmzDate(input.date);
  const day = amzDate.slice(0, 8);
  const body = input.body ?? "";
  const payloadHash = sha256Hex(body);
  const headers: Record<string, string> = { ...input.headers, "x-amz-date": amzDate };
  if (input.contentSha256Header ?? input.service === "s3") headers["x-amz-content-sha256"] = payloadHash;
  if (input.credentials.sessionToken) headers["x-amz-security-token"] = input.credentials.sessionToken;
  const toSign = { host: url.host, ...headers };
  const canonical = canonicalRequest({ method: input.method, url, headers: toSign, payloadHash, doubleEncodePath: input.service !== "s3" });
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const signature = createHmac("sha256", deriveSigningKey(input.credentials.secretAccessKey, day, input.region, input.service)).update(stringToSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaderNames(toSign)}, Signature=${signature}`;
  return { headers, canonicalRequest: canonical, stringToSign, signature };
}
