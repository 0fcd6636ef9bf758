import { has } from "./has-value.ts";
import type { Props } from "./types.ts";

const TOOLBOX: Array<[string, string]> = [
  ["el_class_fa_minus", "zoom_out"],
  ["el_class_fa_plus", "zoom_in"],
  ["el_class_fa_backward", "scroll_backward"],
  ["el_class_fa_forward", "scroll_forward"],
  ["el_class_fa_sort", "resize"],
  ["el_class_fa_play", "play"],
];

const ALARM_STATES: Array<[string, string]> = [
  ["el_class_warning", "warn"],
  ["el_class_success", "norm"],
  ["el_class_danger", "crit"],
  ["el_class_info", "undef"],
];

function datePickerText(p: Props): unknown {
  return String(p.el_data_testid).includes("click-quick-selector") ? `${p.el_data_testid_1} ${p.el_data_testid_3}` : p.el_data_testid_1;
}

function datePicker(p: Props): unknown {
  if (p.el_id === "date-picker-root") return "open";
  if (typeof p.el_data_testid === "string" && p.el_data_testid.startsWith("date-picker")) return datePickerText(p);
  if (p.el_id === "month_right" || p.el_id === "month_left") return datePickerText(p);
  return has(p, "el_class_daterangepicker") ? "date_range" : "other";
}

function alarms(p: Props): unknown {
  if (String(p.el_href ?? "").includes("#alarm_all_")) return p.el_text;
  if (has(p, "el_class_page_number")) return "page_number";
  if (p.el_id === "root") return "open";
  if (p.el_text === "Active" || p.el_id === "alarms_active") return "active";
  if (p.el_text === "Log") return "log";
  if (p.el_text === "All") return "all";
  for (const [flag, state] of ALARM_STATES) {
    if (has(p, flag) && has(p, "el_text")) return /[:%]/.test(String(p.el_text)) ? state : `${state}__${p.el_text}`;
  }
  if (p.el_text === "Close" || p.el_text === "×") return "close";
  if (p.el_title === "Refresh" && p.el_id === "alarms_log") return "refresh_log";
  return "other";
}

const DETAILS: Record<string, (p: Props) => unknown> = {
  menu: (p) => p.el_href_menu,
  submenu: (p) => p.el_href_menu,
  chart_toolbox: (p) => TOOLBOX.find(([flag]) => has(p, flag))?.[1] ?? "other",
  chart_dim: (p) => {
    if (has(p, "el_id") && has(p, "el_text")) return `${p.el_data_netdata}.${p.el_text}`;
    if (has(p, "el_id") && has(p, "el_title")) return `${p.el_data_netdata}.${p.el_title}`;
    return "other";
  },
  date_picker: datePicker,
  update: (p) => (p.el_title === "update" ? "open" : p.el_text === "Check Now" ? "check" : p.el_text === "Close" ? "close" : "other"),
  highlight: (p) => (p.el_onclick === "urlOptions.clearHighlight();" ? "clear" : "other"),
  settings: (p) => (p.el_id === "root" ? "open" : p.el_text === "Close" ? "close" : p.el_data_toggle === "tab" ? "tab" : p.el_data_toggle === "toggle" ? "toggle" : "other"),
  alarms,
  cloud: (p) => (p.el_text === "Sign In to Cloud" ? "sign_in" : "other"),
};

/** The detail of an agent interaction of the given type ("" for types without details). */
export function interactionDetail(type: string, props: Props): unknown {
  return DETAILS[type]?.(props) ?? "";
}
