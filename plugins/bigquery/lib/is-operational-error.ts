/** A network-level failure (connection reset, DNS, TLS, timeout) rather than an answer from the service. */
export function isOperationalError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "TokenExchangeError") return (error as { status?: number }).status === undefined;
  return error instanceof TypeError || error.name === "AbortError" || error.name === "TimeoutError";
}
