import { writeClassFlags, writeIdFlags } from "./agent-class-flags.ts";
import { copyNonNull, writeBasics, writeClass, writeHref, writeHrefMenu, writeIdMenu, writeText } from "./element-fields.ts";
import { has } from "./has-value.ts";
import type { Element, ElementRules, Props } from "./types.ts";
import { writeSplit } from "./write-split.ts";

const DATA_ATTRIBUTES: Array<[string, string]> = [
  ["attr__data-testid", "el_data_testid"],
  ["attr__data-ga", "el_data_ga"],
  ["attr__data-track", "el_data_track"],
];

/** Splits the testid / ga / track attributes into `<name><suffix>` (only the attributes present). */
function splitDataAttributes(props: Props, element: Element, suffix: string, which = DATA_ATTRIBUTES): void {
  for (const [attribute, name] of which) if (has(element, attribute)) writeSplit(props, `${name}${suffix}`, element[attribute]);
}

function agentElement(props: Props, element: Element): void {
  splitDataAttributes(props, element, "", DATA_ATTRIBUTES.slice(0, 2));
  splitDataAttributes(props, element, "_inner");
  writeHrefMenu(props, element);
  writeHref(props, element);
  writeBasics(props, element);
  writeText(props, element, true);
  copyNonNull(props, element, [["attr__data-netdata", "el_data_netdata"]]);
  const target = element["attr__data-target"];
  if (target !== null && target !== undefined && target !== "#sidebar") {
    props.el_data_target = target;
    if (target === "#updateModal") props.el_data_target_updatemodal = true;
  }
  copyNonNull(props, element, [
    ["attr__data-id", "el_data_id"],
    ["attr__data-original-title", "el_data_original_title"],
    ["attr__data-toggle", "el_data_toggle"],
    ["attr__data-legend-position", "el_data_legend_position"],
    ["attr__aria-controls", "el_aria_controls"],
    ["attr__aria-labelledby", "el_aria_labelledby"],
  ]);
  writeClassFlags(props, element.attr__class);
  writeIdFlags(props, element.attr__id);
  writeClass(props, element);
}

/** Cloud steps (3)-(8), shared with staging. */
function cloudCommon(props: Props, element: Element): void {
  writeHref(props, element);
  writeBasics(props, element);
  writeText(props, element, false);
  copyNonNull(props, element, [
    ["attr__data-menuid", "el_data_menuid"],
    ["attr__data-submenuid", "el_data_submenuid"],
    ["attr__data-chartid", "el_data_chartid"],
  ]);
  writeIdMenu(props, element);
  writeClass(props, element);
}

function cloudElement(props: Props, element: Element): void {
  if (has(element, "attr__data-testid")) writeSplit(props, "el_data_testid", element["attr__data-testid"]);
  if (has(element, "attr__data-ga")) writeSplit(props, "el_data_ga", element["attr__data-ga"], ["event_category", "event_action", "event_label", "event_value"]);
  splitDataAttributes(props, element, "_inner");
  cloudCommon(props, element);
}

function stagingElement(props: Props, element: Element): void {
  splitDataAttributes(props, element, "");
  cloudCommon(props, element);
}

function siteElement(props: Props, element: Element): void {
  splitDataAttributes(props, element, "");
  writeHref(props, element);
  writeBasics(props, element);
  writeText(props, element, false);
  writeClass(props, element);
}

function learnElement(props: Props, element: Element): void {
  siteElement(props, element);
  const attributes = element.attributes;
  if (typeof attributes === "object" && attributes !== null && has(attributes as Props, "attr__aria-label")) {
    props.el_aria_label = (attributes as Props)["attr__aria-label"];
  }
}

const INNER: Record<Exclude<ElementRules, "none">, (props: Props, element: Element) => void> = {
  agent: agentElement,
  cloud: cloudElement,
  staging: stagingElement,
  site: siteElement,
  learn: learnElement,
};

/**
 * Derives `el_*` properties from `$elements`: agent and cloud first run an outer pass (array order,
 * the outermost element wins), then every source with element rules runs its inner pass in reverse
 * order (the innermost, clicked element wins).
 */
export function applyElementRules(props: Props, rules: ElementRules): void {
  const elements = props.$elements;
  if (rules === "none" || !Array.isArray(elements)) return;
  const valid = elements.filter((e): e is Element => typeof e === "object" && e !== null);
  if (rules === "agent" || rules === "cloud") for (const element of valid) splitDataAttributes(props, element, "_outer");
  for (const element of [...valid].reverse()) INNER[rules](props, element);
}
