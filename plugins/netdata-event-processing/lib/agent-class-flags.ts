import type { Props } from "./types.ts";

/** Flag -> `attr__class` test: `=` exact, otherwise a case-sensitive substring. */
const CLASS_FLAGS: Array<[string, string, "=" | "in"]> = [
  ["el_class_netdata_legend_toolbox", "netdata-legend-toolbox", "="],
  ["el_class_fa_play", "fa-play", "in"],
  ["el_class_fa_backward", "fa-backward", "in"],
  ["el_class_fa_forward", "fa-forward", "in"],
  ["el_class_fa_plus", "fa-plus", "in"],
  ["el_class_fa_minus", "fa-minus", "in"],
  ["el_class_fa_sort", "fa-sort", "in"],
  ["el_class_navbar_highlight_content", "navbar-highlight-content", "in"],
  ["el_class_datepickercontainer", "DatePickerContainer", "in"],
  ["el_class_startendcontainer", "StartEndContainer", "in"],
  ["el_class_pickerbtnarea", "PickerBtnArea", "in"],
  ["el_class_pickerbox", "PickerBox", "in"],
  ["el_class_collapsablesection", "CollapsableSection", "in"],
  ["el_class_signinbutton", "SignInButton", "in"],
  ["el_class_documentation_container", "documentation__Container", "in"],
  ["el_class_utilitysection", "UtilitySection", "in"],
  ["el_class_success", "success", "in"],
  ["el_class_warning", "warning", "in"],
  ["el_class_danger", "danger", "in"],
  ["el_class_info", "info", "="],
  ["el_class_pagination", "pagination", "in"],
  ["el_class_page_number", "page-number", "in"],
  ["el_class_export", "export", "in"],
  ["el_class_netdata_chartblock_container", "netdata-chartblock-container", "in"],
  ["el_class_netdata_reset_button", "netdata-reset-button", "in"],
  ["el_class_netdata_legend_toolbox_button", "netdata-legend-toolbox-button", "in"],
  ["el_class_netdata_legend_resize_handler", "netdata-legend-resize-handler", "in"],
  ["el_class_calendarday", "CalendarDay", "in"],
  ["el_class_daypicker", "DayPicker", "in"],
  ["el_class_daterangepicker", "DateRangePicker", "in"],
];

/** Sets (never resets) the agent's `el_class_*` flags for one class attribute value. */
export function writeClassFlags(props: Props, className: unknown): void {
  if (className === null || className === undefined) return;
  const value = String(className);
  for (const [flag, text, test] of CLASS_FLAGS) {
    if (test === "=" ? value === text : value.includes(text)) props[flag] = true;
  }
}

/** Sets the agent's `el_id_*` flags for one id attribute value. */
export function writeIdFlags(props: Props, id: unknown): void {
  if (id === null || id === undefined) return;
  const value = String(id);
  if (value.includes("date-picker-root")) props.el_id_date_picker_root = true;
  if (value.includes("updateModal")) props.el_id_updatemodal = true;
}
