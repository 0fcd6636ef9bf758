import { createRequire } from "node:module";

const nodeRequire = createRequire(import.meta.url);

type AwsSdk = Record<string, any> & { Config: any; Service: any; CredentialProviderChain: any };

let aws: AwsSdk | undefined;

function loadAwsSdk(): AwsSdk {
  // aws-sdk v2 prints a maintenance-mode notice on load unless told not to.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";
  aws ??= nodeRequire("aws-sdk") as AwsSdk;
  return aws;
}

/** aws-sdk/clients/<name> names: lower-case service identifiers. */
const CLIENT_NAME = /^[a-z0-9]+$/;

/**
 * aws-sdk v2 (the real package) as one connector sees it: its own `AWS.config` (changes never reach
 * another connector), no credentials unless the connector passes them (the host's environment,
 * ~/.aws files and instance metadata are never read), and service clients whose HTTP goes wherever
 * the active {@link SdkRoute} sends it (the connector's harness fetch).
 */
export class AwsSdkModule {
  readonly #aws = loadAwsSdk();
  #config = new this.#aws.Config({ credentials: null, credentialProvider: new this.#aws.CredentialProviderChain([]) });
  readonly #wrapped = new Map<unknown, unknown>();
  readonly #overrides = new Map<PropertyKey, unknown>();

  /** The `aws-sdk` module object. */
  module(): AwsSdk {
    return new Proxy(this.#aws, {
      get: (target, key) => {
        if (key === "config") return this.#config;
        if (this.#overrides.has(key)) return this.#overrides.get(key);
        const value = Reflect.get(target, key);
        return this.#isService(value) ? this.#wrap(value) : value;
      },
      set: (_target, key, value) => {
        if (key === "config") this.#config = value;
        else this.#overrides.set(key, value);
        return true;
      },
    });
  }

  /** `aws-sdk/clients/<name>`: the service class, wired like `AWS.<Service>`. */
  client(name: string): unknown {
    if (!CLIENT_NAME.test(name)) throw new Error(`aws-sdk/clients/${name} is not an aws-sdk v2 client`);
    return this.#wrap(nodeRequire(`aws-sdk/clients/${name}`));
  }

  #isService(value: unknown): value is new (options?: object) => object {
    return typeof value === "function" && value.prototype instanceof this.#aws.Service;
  }

  #wrap(Service: new (options?: object) => object): unknown {
    let wrapped = this.#wrapped.get(Service);
    if (!wrapped) {
      const module = this;
      // Called with `new` by connectors; returns the real service object, so instanceof still works.
      const Wrapped = function (this: unknown, options?: object) {
        return new Service(module.#optionsFor(options));
      };
      Wrapped.prototype = Service.prototype;
      Object.setPrototypeOf(Wrapped, Service);
      wrapped = Wrapped;
      this.#wrapped.set(Service, wrapped);
    }
    return wrapped;
  }

  /** The connector's AWS.config, then the client's own options (as AWS.config then options would). */
  #optionsFor(options: object | undefined): object {
    const merged = new this.#aws.Config(this.#config);
    if (options) merged.update(options, true);
    // Plain `{ accessKeyId, secretAccessKey }` credentials (what a sandboxed connector can pass) become AWS.Credentials.
    const credentials = merged.credentials as { get?: unknown; accessKeyId?: unknown } | null;
    if (credentials && typeof credentials.get !== "function" && credentials.accessKeyId) merged.credentials = new this.#aws.Credentials(credentials);
    return merged;
  }
}
