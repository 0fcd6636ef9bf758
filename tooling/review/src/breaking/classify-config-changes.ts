/** One difference between the published plugin.json config and the PR's. */
export interface ConfigChange {
  key: string;
  /** The registry's change kind (`config-removed`, `config-type-changed`, ...) or `secret-removed`. */
  kind: string;
  /** True when existing installations break (registry impact `major`). */
  breaking: boolean;
  message: string;
}
