import { createRequire } from "node:module";

const nodeRequire = createRequire(import.meta.url);

/** How a sandboxed connector may call one method of an SDK object that lives on the host. */
export interface MethodRule {
  /** Call this host method instead (e.g. snowflake's `connect(cb)` runs `connectAsync()`). */
  hostMethod?: string;
  /** Refuses arguments that would reach the host's files or streams (throws with the reason). */
  check?: (args: unknown[]) => void;
  /** Option whose function the isolate keeps and calls with the outcome (snowflake `complete`). */
  callbackOption?: string;
  /** Turns the host result into what crosses (e.g. a snowflake statement into a snapshot). */
  result?: (value: unknown, args: unknown[]) => unknown;
}

/** The methods a sandboxed connector may call on objects of one host class. */
export interface ClassRule {
  name: string;
  matches: (value: object) => boolean;
  methods: (value: object) => Record<string, MethodRule>;
  /** Methods the SDK has that the sandbox refuses, with the reason (calling one throws it). */
  refused?: Record<string, string>;
}

/** What a sandboxed connector may construct or call at the top of one SDK module. */
export interface ModuleRule {
  classes: Record<string, MethodRule>;
  functions: Record<string, MethodRule>;
}

/** Thrown for an SDK call the sandbox does not offer, saying why. */
export class SandboxSdkUnsupportedError extends Error {
  constructor(what: string, reason: string) {
    super(`${what} is not available to sandboxed connectors: ${reason}. Fix: use the calls listed in the harness README (vendor SDKs in the sandbox), or run the connector in-process (trusted workspace connectors only).`);
    this.name = "SandboxSdkUnsupportedError";
  }
}

const NO_LOCAL_FILES = "it reads or writes files on the host";
const NO_STREAMS = "streams cannot cross the sandbox boundary; use the promise form";
const NO_SUBSCRIPTIONS = "Pub/Sub subscriptions pull over a long-lived stream; publish-side calls are available";

/** The sandbox's refusal message of a method, for the isolate facade to throw. */
export function refusalMessage(what: string, reason: string): string {
  return new SandboxSdkUnsupportedError(what, reason).message;
}

function refuse(names: string[], reason: string): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, reason]));
}

function refuseOption(what: string, option: string, reason: string): (args: unknown[]) => void {
  return (args) => {
    if (args.some((arg) => typeof arg === "object" && arg !== null && (arg as Record<string, unknown>)[option] !== undefined)) throw new SandboxSdkUnsupportedError(`${what} with \`${option}\``, reason);
  };
}

function allow(names: string[], rule: MethodRule = {}): Record<string, MethodRule> {
  return Object.fromEntries(names.map((name) => [name, rule]));
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

// --- aws-sdk v2: every API operation of a service (they only make HTTP requests), presigning, S3 upload.
function awsRules(): ClassRule[] {
  const AWS = nodeRequire("aws-sdk") as { Service: new () => object; Request: new () => object; S3: { ManagedUpload: new () => object } };
  return [
    {
      name: "AWS.Service",
      matches: (value) => value instanceof AWS.Service,
      methods: (value) => {
        const api = (value as { api: { operations: Record<string, unknown> } }).api;
        const operations = allow(Object.keys(api.operations).map(lowerFirst));
        const s3 = "getSignedUrl" in value ? allow(["getSignedUrl", "getSignedUrlPromise", "createPresignedPost", "upload"]) : {};
        return { ...operations, ...s3, ...allow(["waitFor"]) };
      },
    },
    { name: "AWS.Request", matches: (value) => value instanceof AWS.Request, methods: () => allow(["promise", "abort"]), refused: refuse(["createReadStream"], NO_STREAMS) },
    // `s3.upload(params)` returns a ManagedUpload that only starts on send()/promise(): it must stay a
    // handle (copied as data, the upload would never run while the connector's callback said it did).
    { name: "AWS.S3.ManagedUpload", matches: (value) => value instanceof AWS.S3.ManagedUpload, methods: () => allow(["promise", "abort"]) },
  ];
}

// --- @google-cloud/*: the promise APIs; streams and local files stay out.
function googleRules(): ClassRule[] {
  const bigquery = nodeRequire("@google-cloud/bigquery") as Record<string, new () => object>;
  const storage = nodeRequire("@google-cloud/storage") as Record<string, new () => object>;
  const pubsub = nodeRequire("@google-cloud/pubsub") as Record<string, new () => object>;
  const common = ["get", "exists", "create", "delete", "getMetadata", "setMetadata"];
  const rule = (name: string, Class: new () => object, methods: Record<string, MethodRule>, refused: Record<string, string> = {}): ClassRule => ({ name, matches: (value) => value instanceof Class, methods: () => methods, refused });
  return [
    rule("BigQuery", bigquery.BigQuery!, allow(["dataset", "getDatasets", "createDataset", "query", "createQueryJob", "job", "getJobs"]), refuse(["createQueryStream", "getDatasetsStream", "getJobsStream"], NO_STREAMS)),
    rule("Dataset", bigquery.Dataset!, { ...allow([...common, "table", "getTables", "createTable", "query", "createQueryJob"]) }, refuse(["createQueryStream", "getTablesStream"], NO_STREAMS)),
    rule(
      "Table",
      bigquery.Table!,
      allow([...common, "insert", "getRows", "query", "createQueryJob"]),
      { ...refuse(["createWriteStream", "createInsertStream", "createReadStream"], NO_STREAMS), ...refuse(["load", "createLoadJob", "extract", "createExtractJob"], NO_LOCAL_FILES) },
    ),
    rule("Job", bigquery.Job!, allow([...common, "getQueryResults", "cancel"]), refuse(["getQueryResultsStream"], NO_STREAMS)),
    rule("Storage", storage.Storage!, allow(["bucket", "getBuckets", "createBucket"]), refuse(["getBucketsStream"], NO_STREAMS)),
    rule("Bucket", storage.Bucket!, allow([...common, "file", "getFiles", "deleteFiles"]), { ...refuse(["upload"], NO_LOCAL_FILES), ...refuse(["getFilesStream"], NO_STREAMS) }),
    rule(
      "File",
      storage.File!,
      {
        ...allow([...common, "save", "copy", "move", "makePublic", "getSignedUrl"]),
        download: { check: refuseOption("File.download", "destination", NO_LOCAL_FILES) },
      },
      refuse(["createReadStream", "createWriteStream", "createResumableUpload"], NO_STREAMS),
    ),
    rule("PubSub", pubsub.PubSub!, allow(["topic", "createTopic", "getTopics"]), refuse(["subscription", "createSubscription", "getSubscriptions", "snapshot"], NO_SUBSCRIPTIONS)),
    rule("Topic", pubsub.Topic!, allow([...common, "publish", "publishMessage", "publishJSON", "flush"]), refuse(["subscription", "createSubscription", "getSubscriptions"], NO_SUBSCRIPTIONS)),
  ];
}

// --- snowflake-sdk: connections and statements, without file transfer (PUT/GET read and write host files).
const FILE_TRANSFER = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:put|get)\s/i;

/** What a sandboxed connector gets for a finished snowflake statement: its facts, copied. */
export function snowflakeStatementSnapshot(statement: Record<string, () => unknown>): Record<string, unknown> {
  const read = (name: string) => (typeof statement[name] === "function" ? statement[name]!() : undefined);
  const columns = read("getColumns") as Array<{ getName(): string; getType(): string }> | undefined;
  return {
    statementId: read("getStatementId") ?? read("getQueryId"),
    sqlText: read("getSqlText"),
    status: read("getStatus"),
    numRows: read("getNumRows"),
    numUpdatedRows: read("getNumUpdatedRows"),
    columns: columns?.map((column) => ({ name: column.getName(), type: column.getType() })) ?? [],
  };
}

function snowflakeRules(): ClassRule[] {
  const execute: MethodRule = {
    callbackOption: "complete",
    check: (args) => {
      const options = (args[0] ?? {}) as { sqlText?: unknown; streamResult?: unknown };
      if (typeof options.sqlText === "string" && FILE_TRANSFER.test(options.sqlText)) throw new SandboxSdkUnsupportedError("snowflake PUT/GET", NO_LOCAL_FILES);
      if (options.streamResult) throw new SandboxSdkUnsupportedError("connection.execute with `streamResult`", NO_STREAMS);
    },
  };
  return [
    {
      name: "snowflake Connection",
      matches: (value) => typeof (value as { execute?: unknown }).execute === "function" && typeof (value as { connectAsync?: unknown }).connectAsync === "function",
      methods: () => ({ execute, connect: { hostMethod: "connectAsync" }, ...allow(["connectAsync", "destroy", "isUp", "getId", "isValidAsync"]) }),
      refused: refuse(["fetchResult", "serialize"], "it hands out driver internals; run the query again with execute"),
    },
  ];
}

/** The class rules of one SDK module name (`aws-sdk/clients/x` shares aws-sdk's). */
export function classRulesFor(module: string): ClassRule[] {
  if (module.startsWith("aws-sdk")) return awsRules();
  if (module.startsWith("@google-cloud/")) return googleRules();
  return snowflakeRules();
}

/** What may be constructed or called at the top of a module. */
export const MODULE_RULES: Readonly<Record<string, ModuleRule>> = {
  "@google-cloud/bigquery": { classes: allow(["BigQuery"]), functions: {} },
  "@google-cloud/storage": { classes: allow(["Storage"]), functions: {} },
  "@google-cloud/pubsub": { classes: allow(["PubSub"]), functions: {} },
  "snowflake-sdk": { classes: {}, functions: allow(["createConnection", "configure"]) },
};
