import { ConfigError, buildConfigSchema, getAjv, readManifest, type PluginManifest } from "@connectors/plugin-api";
import { VirtualClock, createConnector, getConnectorSandbox, loadConnector, type Connector, type LoadMode, type LoadedConnector } from "@connectors/harness";
import { attachmentsFor, fixtureEvents, interceptorFor, readConformanceFile, secretValues, validConfigFor, type ConformanceFile } from "./conformance-setup.ts";

/** One named check and whether it held. */
export interface ConformanceCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

/** Every check of one connector; `ok` when all passed. */
export interface ConformanceReport {
  slug: string;
  ok: boolean;
  checks: ConformanceCheck[];
}

/** A mode the conformance suite runs a connector in, and how to load it that way. */
export interface ConformanceMode {
  name: string;
  load: (dir: string) => Promise<LoadedConnector>;
}

/** The modes every connector must pass with identical results: bundled (as shipped), imported, and sandboxed (own V8 isolate). */
export const DEFAULT_MODES: ConformanceMode[] = [
  { name: "bundle", load: (dir) => loadConnector(dir, { mode: "bundle" }) },
  { name: "import", load: (dir) => loadConnector(dir, { mode: "import" as LoadMode }) },
  { name: "sandbox", load: (dir) => loadConnector(dir, { mode: "sandbox", sandbox: { cpuTimeoutMs: TIMEOUT_MS } }) },
];

const TIMEOUT_MS = 5000;

async function check(name: string, run: () => Promise<string | undefined | void>): Promise<ConformanceCheck> {
  try {
    const problem = await run();
    return problem ? { name, ok: false, detail: problem } : { name, ok: true };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

async function instantiate(loaded: LoadedConnector, dir: string, file: ConformanceFile, config: Record<string, unknown>): Promise<Connector> {
  return createConnector(loaded, {
    config,
    attachments: attachmentsFor(dir, file),
    fetch: interceptorFor(file),
    clock: new VirtualClock(),
    timeoutMs: TIMEOUT_MS,
  });
}

/** Runs each fixture event through every hook the connector has; returns what came out, for comparison. */
async function runFixtures(connector: Connector, dir: string, file: ConformanceFile): Promise<unknown[]> {
  const outputs: unknown[] = [];
  for (const { name, event } of fixtureEvents(dir, file)) {
    const copy = () => structuredClone(event) as never;
    try {
      if (connector.plugin.processEvent) outputs.push({ name, processEvent: await connector.processEvent(copy()) });
      if (connector.plugin.onEvent || connector.plugin.exportEvents) outputs.push({ name, onEvent: await connector.onEvent(copy()) ?? null });
      if (connector.plugin.composeWebhook) outputs.push({ name, composeWebhook: (await connector.composeWebhook(copy())).webhook });
    } catch (error) {
      throw new Error(`fixture ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await connector.teardown();
  outputs.push({ requests: connector.requests.map((r) => `${r.method} ${r.url}`), captured: connector.captured, errors: connector.errors });
  return outputs;
}

/**
 * Runs every fixture event through the sandbox's batched processEvent path (the throughput path, where
 * events cross the isolate boundary as JSON) and compares with what single calls returned. Each event is
 * its own batch, in order: inside one batch async hooks run concurrently (as in PostHog's parallel
 * ingestion), so a stateful connector may legitimately see a different order there.
 */
async function batchMismatch(loaded: LoadedConnector, dir: string, file: ConformanceFile, config: Record<string, unknown>, single: unknown[]): Promise<string | undefined> {
  const connector = await instantiate(loaded, dir, file, config);
  const sandbox = getConnectorSandbox(connector.plugin);
  if (!sandbox || !connector.plugin.processEvent) return undefined;
  await connector.setup();
  const fixtures = fixtureEvents(dir, file);
  const batched: unknown[] = [];
  for (const { event } of fixtures) batched.push(...(await sandbox.processEventBatch([structuredClone(event) as never], connector.meta)));
  await connector.teardown();
  const expected = single.flatMap((output) => (output && typeof output === "object" && "processEvent" in output ? [output.processEvent] : []));
  const differing = fixtures.findIndex((_, i) => JSON.stringify(batched[i]) !== JSON.stringify(expected[i]));
  return differing >= 0 ? `fixture ${fixtures[differing]!.name}: the batch gave ${JSON.stringify(batched[differing])}, a single call ${JSON.stringify(expected[differing])}` : undefined;
}

function manifestProblems(manifest: PluginManifest, warnings: Array<{ path: string; message: string }>): string | undefined {
  if (warnings.length) return warnings.map((w) => `${w.path}: ${w.message}`).join("; ");
  return manifest.name ? undefined : "plugin.json has no name";
}

/**
 * The conformance suite every connector passes: a valid manifest with no warnings, only known
 * exports, a config schema that compiles, invalid config rejected with a ConfigError, every fixture
 * event processed within 5 s in each mode with identical results, and no secret written to the logs.
 */
export async function runConformance(dir: string, modes: ConformanceMode[] = DEFAULT_MODES): Promise<ConformanceReport> {
  const checks: ConformanceCheck[] = [];
  const { manifest, warnings } = await readManifest(dir);
  const slug = dir.split("/").at(-1)!;
  checks.push(await check("manifest is valid, without warnings", async () => manifestProblems(manifest, warnings)));
  checks.push(await check("config schema compiles", async () => void getAjv().compile(buildConfigSchema(manifest))));
  const file = readConformanceFile(dir);
  const config = validConfigFor(manifest, file);
  const loaded = await Promise.all(modes.map((mode) => mode.load(dir)));
  checks.push(
    await check("exports only hooks the contract knows", async () => {
      const connector = await instantiate(loaded[0]!, dir, file, config);
      return connector.unknownExports.length ? `unknown exports: ${connector.unknownExports.join(", ")}` : undefined;
    }),
  );
  checks.push(
    await check("setup rejects an invalid config with a ConfigError", async () => {
      const error = await instantiate(loaded[0]!, dir, file, { ...config, __not_a_config_field__: "x" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      return error instanceof ConfigError ? undefined : `expected a ConfigError, got ${error ? String(error) : "no error"}`;
    }),
  );
  const results: Array<{ mode: string; outputs: unknown[]; connector?: Connector }> = [];
  for (const [i, mode] of modes.entries()) {
    checks.push(
      await check(`fixture events run within ${TIMEOUT_MS} ms (${mode.name})`, async () => {
        const connector = await instantiate(loaded[i]!, dir, file, config);
        results.push({ mode: mode.name, outputs: await runFixtures(connector, dir, file), connector });
      }),
    );
  }
  checks.push(
    await check("no secret appears in the logs", async () => {
      const secrets = secretValues(manifest, config);
      const leaks = results.flatMap((r) => (r.connector?.secretsLogged ? [r.mode] : []));
      return leaks.length && secrets.length ? `the connector logged a secret config value (redacted by the harness) in mode ${leaks.join(", ")}` : undefined;
    }),
  );
  const sandboxed = results.findIndex((r) => r.mode === "sandbox");
  if (sandboxed >= 0 && results[sandboxed]!.connector?.plugin.processEvent) {
    const modeIndex = modes.findIndex((m) => m.name === "sandbox");
    checks.push(await check("processEvent gives the same events in sandbox batches as in single calls", () => batchMismatch(loaded[modeIndex]!, dir, file, config, results[sandboxed]!.outputs)));
  }
  if (results.length > 1) {
    checks.push(
      await check(`results are identical in every mode (${modes.map((m) => m.name).join(", ")})`, async () => {
        const [first, ...rest] = results.map((r) => JSON.stringify(r.outputs));
        const differing = rest.findIndex((r) => r !== first);
        return differing >= 0 ? `${results[differing + 1]!.mode} differs from ${results[0]!.mode}` : undefined;
      }),
    );
  }
  return { slug, ok: checks.every((c) => c.ok), checks };
}
