import { describe, expect, it } from "vitest";
import { encodeRfc3986, formatAmzDate, signRequest } from "./index.ts";

// AWS's published Signature V4 test suite (aws-sig-v4-test-suite, 2015-08-30) and the S3 examples of
// "Signature Calculations for the Authorization Header" (2013-05-24). Expected values are AWS's, not ours.
const suite = { service: "service", region: "us-east-1", date: new Date("2015-08-30T12:36:00Z"), credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } };
const s3Docs = { service: "s3", region: "us-east-1", date: new Date("2013-05-24T00:00:00Z"), credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } };

describe("signRequest against AWS's published vectors", () => {
  it("get-vanilla", () => {
    const signed = signRequest({ ...suite, method: "GET", url: "https://example.amazonaws.com/" });
    expect(signed.canonicalRequest).toBe("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(signed.stringToSign).toBe("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    expect(signed.headers["x-amz-date"]).toBe("20150830T123600Z");
  });

  it("post-vanilla", () => {
    expect(signRequest({ ...suite, method: "POST", url: "https://example.amazonaws.com/" }).signature).toBe("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  });

  it("get-vanilla-query-order-key-case (query parameters sorted)", () => {
    expect(signRequest({ ...suite, method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1" }).signature).toBe("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  });

  it("post-x-www-form-urlencoded (signed content-type and body hash)", () => {
    const signed = signRequest({ ...suite, method: "POST", url: "https://example.amazonaws.com/", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "Param1=value1" });
    expect(signed.signature).toBe("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    expect(signed.headers.authorization).toContain("SignedHeaders=content-type;host;x-amz-date,");
  });

  it("S3 GET Object example (range header, x-amz-content-sha256)", () => {
    const signed = signRequest({ ...s3Docs, method: "GET", url: "https://examplebucket.s3.amazonaws.com/test.txt", headers: { Range: "bytes=0-9" } });
    expect(signed.headers["x-amz-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("S3 PUT Object example (path encoded once, extra amz header, body hash)", () => {
    const signed = signRequest({
      ...s3Docs,
      method: "PUT",
      url: "https://examplebucket.s3.amazonaws.com/test$file.text",
      headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      body: "Welcome to Amazon S3.",
    });
    expect(signed.canonicalRequest.split("\n")[1]).toBe("/test%24file.text");
    expect(signed.headers["x-amz-content-sha256"]).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    expect(signed.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });
});

describe("helpers", () => {
  it("formats x-amz-date and RFC 3986 encodes", () => {
    expect(formatAmzDate(new Date("2024-03-05T10:15:20.123Z"))).toBe("20240305T101520Z");
    expect(encodeRfc3986("a b*c!~'()")).toBe("a%20b%2Ac%21~%27%28%29");
  });

  it("signs host with its port, sends the session token, and leaves host to fetch", () => {
    const signed = signRequest({ ...suite, method: "PUT", url: "http://127.0.0.1:9000/bucket/key", credentials: { ...suite.credentials, sessionToken: "tok" } });
    expect(signed.canonicalRequest).toContain("host:127.0.0.1:9000\n");
    expect(signed.headers["x-amz-security-token"]).toBe("tok");
    expect(signed.headers.host).toBeUndefined();
    expect(signed.headers.authorization).toContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
  });

  it("double-encodes the path for services other than S3", () => {
    expect(signRequest({ ...suite, method: "GET", url: "https://example.amazonaws.com/a b" }).canonicalRequest.split("\n")[1]).toBe("/a%2520b");
    expect(signRequest({ ...suite, service: "s3", method: "GET", url: "https://example.amazonaws.com/a b" }).canonicalRequest.split("\n")[1]).toBe("/a%20b");
  });
});
