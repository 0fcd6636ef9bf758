import type { WorkflowRule } from "../workflow-rule.ts";
import { noPrTargetHeadCheckout } from "./no-pr-target-head-checkout.ts";
import { noSecretsOnPullRequest } from "./no-secrets-on-pull-request.ts";
import { noUntrustedInterpolation } from "./no-untrusted-interpolation.ts";
import { noWritePermissionsOnPullRequest } from "./no-write-permissions-on-pull-request.ts";
import { requireCheckoutWithoutCredentials } from "./require-checkout-without-credentials.ts";
import { requirePinnedActions } from "./require-pinned-actions.ts";
import { requireTopLevelPermissions } from "./require-top-level-permissions.ts";
import { signingKeyOnlyInSignStep } from "./signing-key-only-in-sign-step.ts";

/** Every repo rule, in report order. */
export const WORKFLOW_RULES: readonly WorkflowRule[] = [
  noPrTargetHeadCheckout,
  requireTopLevelPermissions,
  noWritePermissionsOnPullRequest,
  noSecretsOnPullRequest,
  requirePinnedActions,
  noUntrustedInterpolation,
  requireCheckoutWithoutCredentials,
  signingKeyOnlyInSignStep,
];
