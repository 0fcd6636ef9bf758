import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when a connector's source cannot be found, bundled, or evaluated, or exports nothing runnable. */
export class PluginLoadError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("PLUGIN_LOAD", message, options);
  }
}

/** Thrown when a hook does not settle within its time limit. The host keeps running. */
export class HookTimeoutError extends ConnectorsError {
  readonly plugin: string;
  readonly hook: string;
  readonly timeoutMs: number;

  constructor(plugin: string, hook: string, timeoutMs: number) {
    super(
      "HOOK_TIMEOUT",
      `Connector "${plugin}" hook ${hook} did not finish within ${timeoutMs} ms. Fix: make every promise settle (give outgoing requests a timeout) or raise the limit (--timeout / timeoutMs).`,
    );
    this.plugin = plugin;
    this.hook = hook;
    this.timeoutMs = timeoutMs;
  }
}

/** Thrown when a hook throws or rejects; `cause` holds what it threw. Not retried unless it is a RetryError. */
export class HookFailedError extends ConnectorsError {
  readonly plugin: string;
  readonly hook: string;

  constructor(plugin: string, hook: string, detail: string, options?: { cause?: unknown }) {
    super("HOOK_FAILED", `Connector "${plugin}" hook ${hook} failed: ${detail}`, options);
    this.plugin = plugin;
    this.hook = hook;
  }
}

/** Thrown when a connector breaks a rule of the contract (changes team_id, undeclared metric, ...). */
export class IllegalOperationError extends ConnectorsError {
  constructor(message: string) {
    super("ILLEGAL_OPERATION", message);
  }
}

/** Thrown for every hook call after setupPlugin failed for good. */
export class PluginDisabledError extends ConnectorsError {
  constructor(plugin: string, reason: string) {
    super("PLUGIN_DISABLED", `Connector "${plugin}" is disabled: ${reason}. Fix the cause and load it again.`);
  }
}

/** Thrown when an event given to a hook is not an event object. */
export class InvalidEventError extends ConnectorsError {
  constructor(message: string) {
    super("INVALID_EVENT", message);
  }
}

/** Thrown by the harness fetch for a request no test response (or allowed passthrough) covers. */
export class UnexpectedRequestError extends ConnectorsError {
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string) {
    super(
      "UNEXPECTED_REQUEST",
      `Unexpected request ${method} ${url}: no response is declared for it and real network calls are off. Fix: declare one (fetch.on("${method}", "${url}", { status: 200, json: {...} }) in a test, --responses FILE on the CLI) or allow the network (--allow-network).`,
    );
    this.method = method;
    this.url = url;
  }
}

/** Thrown when a connector calls a host outside its egress allow-list. */
export class EgressDeniedError extends ConnectorsError {
  readonly host: string;

  constructor(plugin: string, host: string, reason: string) {
    super("EGRESS_DENIED", `Connector "${plugin}" may not call ${host}: ${reason}`);
    this.host = host;
  }
}
