import { has } from "./has-value.ts";
import type { Props } from "./types.ts";

const NAMED_EVENTS = ["$pageview", "$pageleave", "$identify", "agent backend"];

const startsWith = (value: unknown, prefix: string) => typeof value === "string" && value.startsWith(prefix);
const isOneOf = (value: unknown, options: string[]) => options.includes(value as string);

/** Ordered rules: the first that holds names the interaction (agent events). */
const RULES: Array<[string, (p: Props) => boolean]> = [
  ["chart_toolbox", (p) => has(p, "el_class_netdata_legend_resize_handler") || has(p, "el_class_netdata_legend_toolbox")],
  ["chart_dim", (p) => has(p, "el_data_netdata") && has(p, "el_id") && (has(p, "el_text") || has(p, "el_title")) && startsWith(p.el_id, "chart_")],
  ["date_picker", (p) => p.el_id === "date-picker-root" || startsWith(p.el_data_testid, "date-picker") || has(p, "el_class_daterangepicker")],
  ["hamburger", (p) => has(p, "el_class_collapsablesection") || p.el_title === "hamburger"],
  ["update", (p) => has(p, "el_data_target_updatemodal") || has(p, "el_id_updatemodal")],
  ["help", (p) => isOneOf(p.el_title, ["Need Help?", "question"]) || p.el_data_testid === "documentation-help-close" || has(p, "el_class_documentation_container")],
  ["load_snapshot", (p) => p.el_data_target === "#loadSnapshotModal" || isOneOf(p.el_id, ["loadSnapshotDragAndDrop", "loadSnapshotSelectFiles", "loadSnapshotModal"])],
  ["save_snapshot", (p) => p.el_data_target === "#saveSnapshotModal" || isOneOf(p.el_id, ["saveSnapshotResolutionSlider", "saveSnapshotExport", "saveSnapshotModal", "hiddenDownloadLinks"])],
  ["print", (p) => p.el_data_target === "#printPreflightModal" || p.el_onclick === "return printPreflight(),!1"],
  [
    "alarms",
    (p) =>
      p.el_data_target === "#alarmsModal" ||
      isOneOf(p.el_href, ["#alarms_all", "#alarms_log", "#alarms_active"]) ||
      isOneOf(p.el_id, ["alarms_log_table", "alarms_log", "alarmsModal"]) ||
      p.el_aria_labelledby === "alarmsModalLabel",
  ],
  ["settings", (p) => p.el_data_target === "#optionsModal" || p.el_id === "optionsModal" || p.el_aria_labelledby === "optionsModalLabel"],
  ["cloud", (p) => has(p, "el_class_signinbutton")],
  ["highlight", (p) => p.el_id === "navbar-highlight-content"],
  ["add_charts", (p) => p.el_text === "Add more charts"],
  ["add_alarms", (p) => p.el_text === "Add more alarms"],
];

/** The agent interaction type of an event (rules 1-18 of the spec; first match wins). */
export function interactionType(eventName: string, props: Props): string {
  if (NAMED_EVENTS.includes(eventName)) return eventName.replace("$", "").replace(" ", "_");
  if (has(props, "el_href_menu")) return String(props.el_href_menu).includes("submenu") ? "submenu" : "menu";
  return RULES.find(([, holds]) => holds(props))?.[0] ?? "other";
}
