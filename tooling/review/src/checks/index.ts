import type { StaticCheck } from "../types.ts";
import { checkCloudProcessEventState } from "./best-practices/cloud-process-event-state.ts";
import { checkHookExports } from "./best-practices/hook-exports.ts";
import { checkPerEventLogging } from "./best-practices/per-event-logging.ts";
import { checkRequestTimeouts } from "./best-practices/request-timeouts.ts";
import { checkRetryErrorUsage } from "./best-practices/retry-error-usage.ts";
import { checkTeamIdMutation } from "./best-practices/team-id-mutation.ts";
import { checkCapabilityChange } from "./manifest/capability-change.ts";
import { checkConfigDefaults } from "./manifest/config-defaults.ts";
import { checkFieldDescriptions } from "./manifest/field-descriptions.ts";
import { checkManifestSchema } from "./manifest/manifest-schema.ts";
import { checkSecretFields } from "./manifest/secret-fields.ts";
import { checkStableConfigKeys } from "./manifest/stable-config-keys.ts";
import { checkChangeset } from "./package/changeset.ts";
import { checkNaming } from "./package/naming.ts";
import { checkPackageMetadata } from "./package/package-metadata.ts";
import { checkReadmeSections } from "./package/readme-sections.ts";
import { checkRequiredFiles } from "./package/required-files.ts";
import { checkReviewableFiles } from "./package/reviewable-files.ts";
import { checkVersionBump } from "./package/version-bump.ts";
import { checkAllowedImports } from "./security/allowed-imports.ts";
import { checkForbiddenModules } from "./security/forbidden-modules.ts";
import { checkHardCodedCredentials } from "./security/hard-coded-credentials.ts";
import { checkNetworkHosts } from "./security/network-hosts.ts";
import { checkNewDependencies } from "./security/new-dependencies.ts";
import { checkNoDynamicImport } from "./security/no-dynamic-import.ts";
import { checkNoEval } from "./security/no-eval.ts";
import { checkNoProcessAccess } from "./security/no-process-access.ts";
import { checkObfuscatedCode } from "./security/obfuscated-code.ts";
import { checkPackageFiles } from "./security/package-files.ts";
import { checkPrototypePollution } from "./security/prototype-pollution.ts";
import { checkSecretLogging } from "./security/secret-logging.ts";
import { checkSecretsInDiff } from "./security/secrets-in-diff.ts";
import { checkUnboundedAllocation } from "./security/unbounded-allocation.ts";
import { checkUnboundedLoops } from "./security/unbounded-loops.ts";

/** Every static rule, in report order. Each is pure: it reads the context and returns findings. */
export const STATIC_CHECKS: readonly StaticCheck[] = [
  checkManifestSchema,
  checkStableConfigKeys,
  checkSecretFields,
  checkFieldDescriptions,
  checkConfigDefaults,
  checkCapabilityChange,
  checkNaming,
  checkRequiredFiles,
  checkReadmeSections,
  checkPackageMetadata,
  checkChangeset,
  checkVersionBump,
  checkReviewableFiles,
  checkPackageFiles,
  checkNoEval,
  checkNoDynamicImport,
  checkForbiddenModules,
  checkNoProcessAccess,
  checkAllowedImports,
  checkNetworkHosts,
  checkHardCodedCredentials,
  checkSecretsInDiff,
  checkObfuscatedCode,
  checkPrototypePollution,
  checkSecretLogging,
  checkUnboundedLoops,
  checkUnboundedAllocation,
  checkNewDependencies,
  checkRequestTimeouts,
  checkRetryErrorUsage,
  checkPerEventLogging,
  checkTeamIdMutation,
  checkCloudProcessEventState,
  checkHookExports,
];
