export { canonicalRequest, sha256Hex, signedHeaderNames, type CanonicalRequestInput } from "./canonical-request.ts";
export { encodeRfc3986 } from "./encode-rfc3986.ts";
export { formatAmzDate } from "./format-amz-date.ts";
export { deriveSigningKey, signRequest, type AwsCredentials, type SignedRequest, type SignRequestInput } from "./sign-request.ts";
