import { AwsSdkModule } from "./aws-sdk-module.ts";
import { GOOGLE_CLOUD_PACKAGES, createGoogleCloudModule, type GoogleCloudPackage } from "./google-cloud-modules.ts";
import type { SdkScope } from "./sdk-scope.ts";
import { createSnowflakeModule } from "./snowflake-module.ts";

/** The vendor SDKs PostHog's plugin server provided, at the major versions it shipped. */
export const SDK_MODULES: readonly string[] = ["aws-sdk", ...Object.keys(GOOGLE_CLOUD_PACKAGES), "snowflake-sdk"];

const AWS_CLIENT = /^aws-sdk\/clients\/([a-z0-9]+)(?:\.js)?$/;

/** `aws-sdk`, `aws-sdk/clients/s3`, `@google-cloud/bigquery`, ... -> true. */
export function isSdkModule(name: string): boolean {
  return SDK_MODULES.includes(name) || AWS_CLIENT.test(name);
}

/**
 * The vendor SDK modules of one connector instance, created on first require (loading an SDK costs
 * tens of milliseconds and megabytes, so only connectors that use one pay for it). Requiring one turns
 * on the instance's {@link SdkScope}, so the SDK's HTTP goes through the connector's harness fetch.
 */
export class ConnectorSdks {
  #aws: AwsSdkModule | undefined;

  constructor(readonly scope: SdkScope) {}

  /** The module for an SDK specifier (see {@link isSdkModule}). */
  require(name: string): unknown {
    this.scope.activate();
    if (name === "snowflake-sdk") return createSnowflakeModule();
    if (name in GOOGLE_CLOUD_PACKAGES) return createGoogleCloudModule(name as GoogleCloudPackage);
    this.#aws ??= new AwsSdkModule();
    const client = AWS_CLIENT.exec(name);
    return client ? this.#aws.client(client[1]!) : this.#aws.module();
  }
}
