import { createTestServiceAccount, InvalidServiceAccountError } from "@connectors/google-auth";
import { describe, expect, it } from "vitest";
import { parseCredentialsFile } from "./parse-credentials-file.ts";

const file = (contents: string) => ({ file_name: "key.json", content_type: "application/json", contents: Buffer.from(contents) });

describe("parseCredentialsFile", () => {
  it("returns the service account of a key file", () => {
    const { json } = createTestServiceAccount();
    const { client_email } = JSON.parse(json) as { client_email: string };
    expect(parseCredentialsFile(file(json))).toMatchObject({ client_email, token_uri: "https://oauth2.googleapis.com/token" });
  });

  it("says `Credentials JSON file has invalid JSON!` for a file that is not a JSON object", () => {
    expect(() => parseCredentialsFile(file("{nope"))).toThrow(new Error("Credentials JSON file has invalid JSON!"));
    expect(() => parseCredentialsFile(file("null"))).toThrow(new Error("Credentials JSON file has invalid JSON!"));
  });

  it("passes on the error for a missing field", () => {
    expect(() => parseCredentialsFile(file('{"client_email":"a@b.iam.gserviceaccount.com"}'))).toThrow(InvalidServiceAccountError);
    expect(() => parseCredentialsFile(file('{"client_email":"a@b.iam.gserviceaccount.com"}'))).toThrow(/no "private_key"/);
  });
});
