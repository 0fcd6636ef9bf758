export { Connector, type BackgroundError, type Capabilities } from "./connector.ts";
export { createConnector } from "./create-connector.ts";
export { DEFAULT_TIMEOUT_MS, type ConnectorOptions } from "./connector-options.ts";
export {
  EgressDeniedError,
  ResponseTooLargeError,
  HookFailedError,
  HookTimeoutError,
  IllegalOperationError,
  InvalidEventError,
  PluginDisabledError,
  PluginLoadError,
  SandboxLimitError,
  SandboxProcessError,
  UnexpectedRequestError,
} from "./errors.ts";
export { VirtualClock, systemClock, type Clock, type TimerHandle } from "./clock.ts";
export { createRedactor, isSensitiveHeader, MIN_SUBSTRING_SECRET, redactDeep, redactRequest, REDACTED, type Redactor } from "./redact.ts";
export { redactErrorChain } from "./redact/redact-error-chain.ts";
export { formatLogArgs, type LogEntry } from "./logs.ts";
export { FetchInterceptor, toResponse } from "./fetch/fetch-interceptor.ts";
export type { FetchHandler, InterceptedRequest, MockResponse, RecordedRequest, UrlMatcher } from "./fetch/types.ts";
export type { RequestObserver } from "./fetch/create-harness-fetch.ts";
export { defaultEgressPolicy, egressDenial, hostsFromConfig, isLoopback, isPrivateAddress, type EgressPolicy } from "./fetch/egress-policy.ts";
export { MemoryCache } from "./backends/memory-cache.ts";
export { MemoryStorage } from "./backends/memory-storage.ts";
export type { CacheBackend, StorageBackend } from "./backends/types.ts";
export { RedisCache, type RedisCacheOptions } from "./backends/redis-cache.ts";
export { PostgresStorage, type PostgresStorageOptions } from "./backends/postgres-storage.ts";
export { BackendError, redactUrl } from "./backends/backend-error.ts";
export { StoreLimitError } from "./backends/store-limit-error.ts";
export { RingBuffer, type RingBufferLimits, type RingBufferOptions } from "./records/ring-buffer.ts";
export { BUFFER_LIMIT_ENV, DEFAULT_BUFFER_LIMITS, resolveBufferLimits, type BufferLimits } from "./records/buffer-limits.ts";
export { droppedNote, droppedNotes, type ConnectorRecords, type DroppedCounts } from "./records/connector-records.ts";
export { cacheNamespace, storageNamespace, NO_GEOIP } from "./meta/build-meta.ts";
export { durationToMs, JobQueue, type QueuedJob } from "./meta/job-queue.ts";
export { MetricsRegistry } from "./meta/metrics.ts";
export { createTestMeta, type TestMeta } from "./meta/create-test-meta.ts";
export type { CapturedEvent, PostHogApiSettings } from "./meta/posthog-extension.ts";
export { EXPORT_MAX_RETRIES, EXPORT_RETRY_JOB, readExportSettings } from "./run/export-buffer.ts";
export { nextRun } from "./run/scheduler.ts";
export { jobHookLabel } from "./run/job-hook-label.ts";
export { assertEvent, toPostHogEvent, toProcessedEvent } from "./events.ts";
export { loadConnector, type LoadedConnector, type LoadMode, type LoadOptions } from "./load/load-connector.ts";
export { bundleConnector, type BundleOptions, type ConnectorBundle } from "./load/bundle-connector.ts";
export { findWorkspaceRoot, manifestStrictnessFor, resolveConnectorSource, resolveTargetDir, sourceFromSnapshot, type ConnectorSource } from "./load/resolve-source.ts";
export { HOST_MODULES, TOOLKIT_PACKAGES, forbiddenImportMessage, hostModuleName, toolkitPackageName } from "./load/host-modules.ts";
export { collectPackageFiles, type CollectedFiles } from "./supply/collect-package-files.ts";
export { createPackageSnapshot, type PackageSnapshot, type SnapshotOrigin } from "./supply/package-snapshot.ts";
export { listShippedFiles } from "./supply/list-shipped-files.ts";
export { toPackagePath } from "./supply/package-path.ts";
export { readPackageSnapshot, type ReadSnapshotOptions } from "./supply/read-package-snapshot.ts";
export { SupplyError } from "./supply/supply-error.ts";
export { DEFAULT_SUPPLY_LIMITS, SUPPLY_LIMIT_ENV, resolveSupplyLimits, type SupplyLimits } from "./supply/supply-limits.ts";
export { isWorkspacePackage, workspacePackagePath } from "./supply/trusted-package.ts";
export { attachTrace, formatLocation, type ConnectorTrace, type ConnectorTracer, type SourceLocation, type TracedError } from "./trace/source-location.ts";
export { createConnectorTracer, type TracerInput } from "./trace/create-connector-tracer.ts";
export { formatCodeFrame } from "./trace/format-code-frame.ts";
export { discoverExports } from "./load/discover-exports.ts";
export { evaluateBundle, type ConnectorGlobals } from "./load/evaluate-bundle.ts";
export { createBuffer } from "./load/plugin-contrib.ts";
export { legacyCommonJs, rewriteCommonJs, type LegacyCommonJsOptions, type LegacyCommonJsPlugin } from "./compat/legacy-commonjs.ts";
export { createMmdbGeoIP } from "./geoip/mmdb-geoip.ts";
export { encodeMmdbValue, writeMmdb, type MmdbNetwork, type MmdbOptions, type MmdbValue } from "./geoip/mmdb-writer.ts";
export { createTestCityDatabase, TEST_CITY_NETWORKS } from "./geoip/test-city-database.ts";
export { toCity } from "./geoip/to-city.ts";
export { defaultInstallDir, installConnector, type InstallOptions, type InstalledConnector } from "./install/install-connector.ts";
export { defaultSlugFor, describeSource } from "./install/describe-source.ts";
export { parseSupplySource, supplySource, type SupplyOptions } from "./supply/supply-source.ts";
export { unpackArchive } from "./supply/archive/unpack-archive.ts";
export type { UnpackedArchive } from "./supply/archive/unpacked-archive.ts";
export { InstallError } from "./install/install-error.ts";
export { isRemoteSource, parseInstallSource, type InstallSource } from "./install/parse-install-source.ts";
export { writeTarGz, writeZip } from "./install/write-archive.ts";
export { importSourceEditor, type ImportSourceOptions, type ImportedConnector } from "./import/import-source-editor.ts";
export { ImportError } from "./import/import-error.ts";
export { readSourceEditor, type SourceEditorFiles } from "./import/read-source-editor.ts";
export { renderPackageScaffold, type PackageInfo, type PackageScaffold } from "./import/package-files.ts";
export { ConnectorSandbox, type EventMessageOutcome, type SandboxExports } from "./sandbox/connector-sandbox.ts";
export { getConnectorSandbox, getSandboxHandle, loadSandboxedConnector } from "./sandbox/load-sandboxed.ts";
export type { SandboxHandle } from "./sandbox/sandbox-handle.ts";
export { MAX_LIMIT_HITS_KEPT, type LimitHit } from "./sandbox/limit-hits.ts";
export { SandboxConfigSet, type SandboxConfigSetOptions } from "./sandbox/sandbox-config-set.ts";
export { SandboxPool, type SandboxPoolOptions } from "./sandbox/sandbox-pool.ts";
export { DEFAULT_MAX_PENDING_TIMERS, DEFAULT_SANDBOX_CPU_TIMEOUT_MS, DEFAULT_SANDBOX_MEMORY_MB, type SandboxOptions } from "./sandbox/sandbox-options.ts";
export { PluginChain, type ChainMember, type ChainResult } from "./compat/plugin-chain.ts";
