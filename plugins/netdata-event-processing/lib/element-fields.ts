import { hasValue, stringAt } from "./has-value.ts";
import type { Element, Props } from "./types.ts";

const DATETIME = /(0?[1-9]|[12][0-9]|3[01])[- /.](0?[1-9]|1[012])[- /.](19|20)\d\d [0-2]\d:[0-5]\d/;

/** Copies `from` to `to` when the element has a non-null value. */
export function copyNonNull(props: Props, element: Element, pairs: Array<[string, string]>): void {
  for (const [from, to] of pairs) if (hasValue(element, from)) props[to] = element[from];
}

/** `el_href`: the first non-null of `attr__href`, `href`, `$href`. */
export function writeHref(props: Props, element: Element): void {
  const key = ["attr__href", "href", "$href"].find((k) => hasValue(element, k));
  if (key) props.el_href = element[key];
}

/** `el_onclick`, `el_id`, `el_name`, `el_title` from their attributes. */
export function writeBasics(props: Props, element: Element): void {
  copyNonNull(props, element, [
    ["attr__onclick", "el_onclick"],
    ["attr__id", "el_id"],
    ["attr__name", "el_name"],
    ["attr__title", "el_title"],
  ]);
}

/**
 * `el_text` from `$el_text` (else `text`), non-empty only. With `datetime`, a `DD/MM/YYYY HH:MM`
 * text also gives `el_text_datetime = YYYY-MM-DD HH:MM` (fixed character positions, as the original).
 */
export function writeText(props: Props, element: Element, datetime: boolean): void {
  const text = element.$el_text;
  if (text !== null && text !== undefined && text !== "") {
    props.el_text = text;
    const s = String(text);
    if (datetime && s.includes("/20") && DATETIME.test(s)) props.el_text_datetime = `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)} ${s.slice(11, 16)}`;
  } else if (element.text !== null && element.text !== undefined && element.text !== "") {
    props.el_text = element.text;
  }
}

/** `el_class` from a non-null `attr__class`. */
export function writeClass(props: Props, element: Element): void {
  copyNonNull(props, element, [["attr__class", "el_class"]]);
}

/**
 * Menu fields from a value like `#menu_system_submenu_load` (prefix `#menu_`) or
 * `menu_system_submenu_cpu` (prefix `menu_`): the menu is the part before the first `_submenu`
 * without the prefix, the submenu the part after the first `_submenu_` (or "").
 */
export function writeMenu(props: Props, valueKey: string, value: string, prefix: string): void {
  props[valueKey] = value;
  const cut = value.indexOf("_submenu");
  props.el_menu = (cut >= 0 ? value.slice(0, cut) : value).replace(prefix, "");
  const sub = value.indexOf("_submenu_");
  props.el_submenu = sub >= 0 ? value.slice(sub + "_submenu_".length) : "";
}

/** Agent menu links: a non-null `attr__href` starting with `#menu`. */
export function writeHrefMenu(props: Props, element: Element): void {
  const href = stringAt(element, "attr__href");
  if (href?.slice(0, 5) === "#menu") writeMenu(props, "el_href_menu", href, "#menu_");
}

/** Cloud menu items: a non-null `attr__id` starting with `menu_`. */
export function writeIdMenu(props: Props, element: Element): void {
  const id = stringAt(element, "attr__id");
  if (id?.slice(0, 5) === "menu_") writeMenu(props, "el_id_menu", id, "menu_");
}
