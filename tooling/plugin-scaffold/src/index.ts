// Connectors import the contract from "@posthog/plugin-scaffold", as PostHog's did. At runtime the
// harness provides this module (RetryError); types come from @connectors/plugin-api.
export type * from "@connectors/plugin-api";
export { RetryError } from "@connectors/plugin-api";
