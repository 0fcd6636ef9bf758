import { encodeRfc3986 } from "@connectors/aws-sigv4";
import type { S3Settings } from "./read-settings.ts";

/**
 * The PutObject URL: virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com/<key>` (no region part for
 * us-east-1); with an endpoint, `<endpoint>/<bucket>/<key>` (path style) or `<scheme>://<bucket>.<host>/<key>`.
 */
export function buildObjectUrl(settings: Pick<S3Settings, "bucket" | "region" | "endpoint" | "forcePathStyle">, key: string): string {
  const path = key.split("/").map(encodeRfc3986).join("/");
  const { bucket, region, endpoint, forcePathStyle } = settings;
  if (endpoint) {
    if (forcePathStyle) return `${endpoint}/${bucket}/${path}`;
    const url = new URL(endpoint);
    return `${url.protocol}//${bucket}.${url.host}${url.pathname.replace(/\/$/, "")}/${path}`;
  }
  const host = region === "us-east-1" ? "s3.amazonaws.com" : `s3.${region}.amazonaws.com`;
  return forcePathStyle ? `https://${host}/${bucket}/${path}` : `https://${bucket}.${host}/${path}`;
}
