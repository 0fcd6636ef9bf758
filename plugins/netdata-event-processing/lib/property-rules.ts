import { cleanName } from "./clean-name.ts";
import type { Props, PropertyRules } from "./types.ts";

/** `pathname_<i>` for each non-empty segment of `$pathname` (positions count empty segments). */
export function applyPathRules(props: Props): void {
  if (!props.$pathname) return;
  String(props.$pathname)
    .split("/")
    .forEach((segment, i) => {
      if (segment) props[`pathname_${i}`] = segment;
    });
}

/** `opt_<option>` = its first argument ("" for flags) from `install_options`. */
export function applyInstallerRules(props: Props): void {
  if (props.install_options === null || props.install_options === undefined) return;
  const pieces = new Set(`${String(props.install_options)} `.split("--"));
  for (const piece of pieces) {
    if (!piece) continue;
    const [option, argument] = piece.split(" ");
    props[`opt_${cleanName(option)}`] = argument ?? "";
  }
}

function writeCollectors(props: Props): void {
  const collectors = props.host_collectors;
  if (!Array.isArray(collectors) || collectors[0] === null || collectors[0] === undefined) return;
  const entries = collectors.filter((c): c is Props => typeof c === "object" && c !== null);
  for (const field of ["plugin", "module"]) {
    for (const value of new Set(entries.map((c) => c[field]))) {
      if (value !== "" && value !== null && value !== undefined) props[`host_collector_${field}_${cleanName(value)}`] = true;
    }
  }
}

/** Agent properties: alarm flags, build info, collectors, empty-id markers (after the path rules). */
export function applyAgentRules(props: Props): void {
  applyPathRules(props);
  for (const kind of ["critical", "warning"]) {
    const count = props[`alarms_${kind}`];
    if (typeof count === "number") props[`has_alarms_${kind}`] = count > 0;
  }
  if (props.netdata_buildinfo && typeof props.netdata_buildinfo === "string") {
    for (const piece of new Set(props.netdata_buildinfo.split("|"))) if (piece) props[`netdata_buildinfo_${cleanName(piece)}`] = true;
  }
  writeCollectors(props);
  for (const name of ["netdata_machine_guid", "netdata_person_id", "distinct_id"]) {
    if (typeof props[name] !== "string") continue;
    const empty = props[name] === "";
    if (empty) props[name] = "empty";
    props[`${name}_is_empty`] = empty;
  }
}

/** Runs the property rules of a source (the agent's interaction properties are added separately). */
export function applyPropertyRules(props: Props, rules: PropertyRules): void {
  if (rules === "path") applyPathRules(props);
  else if (rules === "installer") applyInstallerRules(props);
  else if (rules === "agent") applyAgentRules(props);
}
