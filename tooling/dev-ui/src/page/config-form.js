// The config form built from plugin.json: typed inputs, visible_if, errors next to their field, and
// the values typed per connector kept while switching connectors (in this page only).
import { $, el } from "./dom.js";

const kept = new Map();
let manifest;
let connectorId;
const attachments = {};

// PostHog's rule: every [key, value?] pair matches; no value = the field is non-empty; "" = it is empty.
function conditionMatches(condition, values) {
  return condition.every(([key, expected]) => {
    const actual = values[key];
    const empty = actual === undefined || actual === null || actual === "";
    if (expected === undefined || expected === null) return !empty;
    if (expected === "") return empty;
    return actual === expected;
  });
}

function fields() {
  return (manifest?.config ?? []).filter((f) => typeof f.key === "string");
}

/** The config as typed (dictionary/json fields parsed when they are JSON). */
export function readConfig() {
  const values = {};
  for (const field of fields()) {
    if (field.type === "attachment") continue;
    const input = $(`cfg-${field.key}`);
    if (!input) continue;
    if (field.type === "dictionary") {
      try {
        values[field.key] = input.value.trim() ? JSON.parse(input.value) : {};
      } catch {
        values[field.key] = input.value;
      }
    } else values[field.key] = input.value;
  }
  return values;
}

/** Files chosen for attachment fields (base64). */
export function readAttachments() {
  return attachments[connectorId] ?? {};
}

function remember() {
  if (connectorId) kept.set(connectorId, readConfig());
}

function applyVisibility() {
  const values = readConfig();
  for (const field of fields()) {
    const wrapper = $(`field-${field.key}`);
    if (wrapper) wrapper.hidden = Boolean(field.visible_if && !conditionMatches(field.visible_if, values));
  }
}

function inputFor(field, id) {
  if (field.type === "choice") return el("select", { id }, (field.required ? [] : [el("option", { value: "", text: "" })]).concat((field.choices ?? []).map((c) => el("option", { value: c, text: c }))));
  if (field.type === "json" || field.type === "dictionary") return el("textarea", { id, rows: "3", spellcheck: "false" });
  if (field.type === "attachment") {
    const input = el("input", { id, type: "file" });
    input.addEventListener("change", async () => {
      const file = input.files[0];
      const mine = (attachments[connectorId] ??= {});
      if (!file) return void delete mine[field.key];
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = "";
      for (const byte of bytes) binary += String.fromCharCode(byte);
      mine[field.key] = { file_name: file.name, content_type: file.type || "application/octet-stream", base64: btoa(binary) };
    });
    return input;
  }
  return el("input", { id, type: field.secret ? "password" : "text", autocomplete: "off", spellcheck: "false" });
}

function renderField(field, values) {
  const id = `cfg-${field.key}`;
  const input = inputFor(field, id);
  const value = values[field.key] ?? field.default;
  if (value !== undefined && field.type !== "attachment") input.value = typeof value === "string" ? value : JSON.stringify(value);
  input.setAttribute("aria-describedby", `help-${field.key} err-${field.key}`);
  input.addEventListener("input", () => (applyVisibility(), remember()));
  input.addEventListener("change", () => (applyVisibility(), remember()));
  const label = el("label", { for: id, text: `${field.name ?? field.key}${field.required ? " *" : ""}` });
  return el("div", { class: "field", id: `field-${field.key}` }, [label, input, field.hint ? el("p", { class: "help", id: `help-${field.key}`, text: field.hint }) : el("span", { id: `help-${field.key}` }), el("p", { class: "error", id: `err-${field.key}` })]);
}

/** Builds the form for a connector, restoring what was typed for it earlier. */
export function renderConfig(id, connectorManifest) {
  remember();
  connectorId = id;
  manifest = connectorManifest;
  const values = kept.get(id) ?? {};
  const form = $("config-form");
  form.replaceChildren(...(manifest.config ?? []).map((entry) => (typeof entry.key === "string" ? renderField(entry, values) : el("p", { class: "help", text: entry.markdown ?? "" }))));
  if (!fields().length) form.append(el("p", { class: "help", text: "This connector has no configuration." }));
  applyVisibility();
  clearConfigErrors();
  const needsInput = fields().some((f) => f.required && !values[f.key] && (f.default === undefined || f.default === ""));
  $("config-section").open = needsInput || fields().length <= 4;
}

/** Clears the messages next to the fields. */
export function clearConfigErrors() {
  for (const node of document.querySelectorAll("#config-form .error")) node.textContent = "";
  $("config-error").textContent = "";
}

/** Shows config issues next to their fields (labels, not keys) and focuses the first. */
export function showConfigErrors(issues) {
  clearConfigErrors();
  let first;
  for (const issue of issues) {
    const target = $(`err-${issue.field}`);
    if (target) {
      target.textContent = issue.message;
      first ??= $(`cfg-${issue.field}`);
    }
  }
  $("config-section").open = true;
  $("config-error").textContent = issues.length ? "Fix the configuration errors above." : "";
  first?.focus();
}
