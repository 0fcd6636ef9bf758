import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { ConnectorsError, SCHEDULED_TASKS, type PluginAttachment, type PluginEvent, type ScheduledTaskName } from "@connectors/plugin-api";
import { FetchInterceptor, jobHookLabel, type Connector, type LogEntry, type MockResponse, type PostHogApiSettings } from "@connectors/harness";
import { createPageview } from "@connectors/testkit";
import type { Command, CommandArgs, CommandIO } from "../command.ts";
import { BACKEND_FLAGS, openBackends } from "../backend-flags.ts";
import { loadRunTarget } from "../load-run-target.ts";
import { printRunResult, type RunResult } from "../print-run-result.ts";
import { UsageError, readJsonArg } from "../read-input.ts";
import { keepProcessAlive } from "../keep-process-alive.ts";
import { resolveHook } from "../resolve-hook.ts";
import { readIsolateProcess, startRunConnector } from "../start-run-connector.ts";

function readResponses(value: string | undefined, cwd: string): FetchInterceptor {
  const interceptor = new FetchInterceptor();
  if (!value) return interceptor;
  const routes = readJsonArg(value, "--responses", cwd);
  if (!Array.isArray(routes)) throw new UsageError(`--responses must be a JSON array like [{"method":"POST","url":"https://api.example.com/*","status":200,"json":{}}]`);
  for (const route of routes as Array<{ method?: string; url?: string } & MockResponse>) {
    if (!route.url) throw new UsageError(`--responses entry ${JSON.stringify(route)} has no "url"`);
    interceptor.on(route.method ?? "*", route.url, route);
  }
  return interceptor;
}

function readAttachments(values: string[] | undefined, cwd: string): Record<string, PluginAttachment> {
  return Object.fromEntries(
    (values ?? []).map((spec) => {
      const [key, path] = spec.split("=", 2);
      if (!key || !path) throw new UsageError(`--attachment takes key=path (got "${spec}")`);
      const file = resolve(cwd, path);
      return [key, { file_name: basename(file), content_type: file.endsWith(".json") ? "application/json" : "application/octet-stream", contents: readFileSync(file) }];
    }),
  );
}

function readEvents(value: string | undefined, cwd: string): PluginEvent[] {
  if (!value) return [createPageview({ uuid: "01932f3c-0000-7000-8000-000000000001" })];
  const data = readJsonArg(value, "--event", cwd);
  return (Array.isArray(data) ? data : [data]) as PluginEvent[];
}

/** Runs a job asked for with `--hook job:<name>`: its failure (kept by the harness as a background error) is the run's failure. */
async function runJobOrThrow(connector: Connector, name: string, payload: unknown): Promise<null> {
  const before = connector.errors.length;
  await connector.runJob(name, payload);
  const failed = connector.errors.slice(before).find((error) => error.hook === jobHookLabel(name));
  if (failed) throw new ConnectorsError("JOB_FAILED", failed.message);
  return null;
}

async function runHook(connector: Connector, hook: string, events: PluginEvent[]): Promise<unknown> {
  if (hook === "processEvent") {
    const out = [];
    for (const event of events) out.push(await connector.processEvent(event));
    return events.length === 1 ? out[0] : out;
  }
  if (hook === "onEvent") {
    for (const event of events) await connector.onEvent(event);
    await connector.flushExports();
    return null;
  }
  if (hook === "exportEvents") return connector.exportEvents(events).then(() => null);
  if (hook === "composeWebhook") {
    const out = [];
    for (const event of events) out.push((await connector.composeWebhook(event)).webhook);
    return events.length === 1 ? out[0] : out;
  }
  if ((SCHEDULED_TASKS as readonly string[]).includes(hook)) return connector.runTask(hook as ScheduledTaskName).then(() => null);
  if (hook === "setupPlugin") return connector.setup().then(() => null);
  if (hook.startsWith("job:")) return runJobOrThrow(connector, hook.slice(4), events[0]);
  throw new UsageError(`unknown hook "${hook}"`);
}

/** `--timeout`: a whole number of milliseconds above zero. */
function readTimeout(value: string | undefined): { timeoutMs?: number } {
  if (value === undefined) return {};
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new UsageError(`--timeout takes a whole number of milliseconds above 0, like --timeout 5000 (got "${value}")`);
  return { timeoutMs: ms };
}

async function execute(args: CommandArgs, io: CommandIO): Promise<number> {
  const { values } = args;
  const target = args.positionals[0];
  if (!target) throw new UsageError("run needs a target: a slug under plugins/ or a directory holding plugin.json");
  const json = values.json === true;
  const config = values.config ? readJsonArg(String(values.config), "--config", io.cwd) : {};
  const events = readEvents(values.event as string | undefined, io.cwd);
  const timeout = readTimeout(values.timeout as string | undefined);
  const where = readIsolateProcess(values.process as string | undefined);
  const started = performance.now();
  const loaded = await loadRunTarget(target, { cwd: io.cwd, sandbox: values.sandbox === true, trust: values.trust === true });
  const backends = await openBackends(values, io.cwd);
  const { connector, teardown } = await startRunConnector(loaded, {
    ...backends.options,
    config: config as Record<string, unknown>,
    attachments: readAttachments(values.attachment as string[] | undefined, io.cwd),
    fetch: readResponses(values.responses as string | undefined, io.cwd),
    network: values["allow-network"] === true,
    ...timeout,
    posthogApi: readPostHogApi(values["posthog-host"] as string | undefined, process.env),
    ...(json ? {} : { onLog: (entry: LogEntry) => io.stderr(`${entry.timestamp} ${entry.level.padEnd(5)} ${entry.message}\n`) }),
  }, where).catch(async (error) => {
    await backends.close();
    throw error;
  });
  io.protect?.(connector.redact);
  let hook = String(values.hook ?? "");
  let result: unknown;
  let failure: unknown;
  try {
    hook = resolveHook(connector, values.hook as string | undefined);
    result = await keepProcessAlive(() => runHook(connector, hook, events));
  } catch (error) {
    failure = error;
  }
  const pendingJobs = connector.pendingJobs;
  await keepProcessAlive(teardown);
  await backends.close();
  const outcome: RunResult = { hook, slug: connector.slug, result, connector, pendingJobs, ms: performance.now() - started };
  if (failure) throw Object.assign(failure as object, { runResult: outcome });
  printRunResult(outcome, json, io);
  return 0;
}

/**
 * Where `posthog.api.*` calls go: `--posthog-host` (default https://app.posthog.com), with the keys
 * from POSTHOG_PROJECT_API_KEY / POSTHOG_PERSONAL_API_KEY (environment only: never on a command line).
 */
function readPostHogApi(host: string | undefined, env: Record<string, string | undefined>): PostHogApiSettings {
  if (host !== undefined) {
    let url: URL;
    try {
      url = new URL(host);
    } catch {
      throw new UsageError(`--posthog-host must be a URL like https://eu.posthog.com (got "${host}")`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--posthog-host must be an http(s) URL (got "${host}")`);
  }
  return {
    ...(host ? { host } : {}),
    ...(env.POSTHOG_PROJECT_API_KEY ? { projectApiKey: env.POSTHOG_PROJECT_API_KEY } : {}),
    ...(env.POSTHOG_PERSONAL_API_KEY ? { personalApiKey: env.POSTHOG_PERSONAL_API_KEY } : {}),
  };
}

export const runCommand: Command = {
  name: "run",
  summary: "Run a connector hook on an event and show the result, logs and requests",
  usage:
    "connectors run <slug|dir|source> [--event FILE|JSON|-] [--config JSON|FILE] [--hook NAME] [--responses FILE] [--attachment key=file] [--allow-network] [--timeout MS] [--sandbox] [--trust] [--process child|in-process] [--posthog-host URL] [--cache redis://URL] [--storage postgres://URL] [--geoip FILE.mmdb] [--json]\n\n" +
    "<slug> is a workspace connector (plugins/<slug>) or one installed with connectors install. <source> may also be a .tgz, npm name@version, GitHub/GitLab or archive URL (read into memory, nothing written).\n" +
    "Workspace connectors run in-process (--sandbox runs them in the isolate); everything else runs in the sandbox unless you pass --trust.\n" +
    "The sandbox of a source that is not a workspace package runs in a child process (a connector that exhausts V8's heap ends that process, not this one); --process in-process keeps it here, --process child moves a workspace connector's there.\n" +
    "--posthog-host points posthog.api.* calls at another PostHog (default https://app.posthog.com); their keys come from POSTHOG_PROJECT_API_KEY / POSTHOG_PERSONAL_API_KEY.",
  options: {
    event: { type: "string", short: "e" },
    config: { type: "string", short: "c" },
    hook: { type: "string" },
    responses: { type: "string" },
    attachment: { type: "string", multiple: true },
    "allow-network": { type: "boolean" },
    timeout: { type: "string" },
    sandbox: { type: "boolean" },
    trust: { type: "boolean" },
    process: { type: "string" },
    "posthog-host": { type: "string" },
    json: { type: "boolean" },
    ...BACKEND_FLAGS,
  },
  run: execute,
};
