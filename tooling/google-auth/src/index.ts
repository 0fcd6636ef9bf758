export { createJwtAssertion } from "./create-jwt-assertion.ts";
export { createTokenProvider, TokenExchangeError, type FetchLike, type TokenProvider, type TokenProviderOptions } from "./create-token-provider.ts";
export { GOOGLE_TOKEN_URI, InvalidServiceAccountError, parseServiceAccount, type ServiceAccount } from "./parse-service-account.ts";
export { createTestServiceAccount } from "./create-test-service-account.ts";
