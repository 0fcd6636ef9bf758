// The connector list with search, and the forms that add connectors: new from the template, open a
// local folder, convert source-editor code (each shows its own result).
import { api } from "./api.js";
import { $, el } from "./dom.js";

let connectors = [];
let selected;
let onSelect = () => {};

function matches(c, query) {
  const text = `${c.name} ${c.id} ${c.description} ${c.categories.join(" ")}`.toLowerCase();
  return query.split(/\s+/).every((word) => text.includes(word));
}

function render() {
  const query = $("search").value.trim().toLowerCase();
  const shown = connectors.filter((c) => !query || matches(c, query));
  $("connectors").replaceChildren(
    ...shown.map((c) =>
      el("li", {}, [
        el("button", { type: "button", "data-id": c.id, "aria-current": String(c.id === selected), title: c.description, onclick: () => onSelect(c.id) }, [c.local ? `${c.name} (local)` : c.name, c.trusted ? "" : el("span", { class: "badge", text: "sandbox" })]),
      ]),
    ),
  );
  $("search-count").textContent = `${shown.length} of ${connectors.length}`;
}

/** Reloads the list from the server. */
export async function loadConnectors() {
  connectors = await api("/api/connectors");
  render();
}

/** Marks the open connector. */
export function markSelected(id) {
  selected = id;
  render();
}

function fieldError(form, error) {
  const target = form.querySelector(`[data-error-for="${error.field}"]`) ?? form.querySelector("[data-error-for]");
  target.textContent = error.message;
  form.querySelector(`[name="${error.field}"]`)?.focus();
}

function clearForm(form) {
  for (const node of form.querySelectorAll("[data-error-for]")) node.textContent = "";
}

async function submitNew(e) {
  e.preventDefault();
  const form = $("new-form");
  clearForm(form);
  $("new-status").textContent = "Creating…";
  try {
    const created = await api("/api/new", { method: "POST", body: { slug: form.elements.slug.value.trim() } });
    $("new-status").textContent = `Created plugins/${created.id} from the template. Next: pnpm install, then edit index.ts here.`;
    form.reset();
    await loadConnectors();
    await onSelect(created.id);
  } catch (error) {
    $("new-status").textContent = "";
    fieldError(form, error);
  }
}

async function submitOpen(e) {
  e.preventDefault();
  const form = $("open-form");
  clearForm(form);
  try {
    const { id } = await api("/api/open", { method: "POST", body: { path: form.elements.path.value.trim() } });
    await loadConnectors();
    await onSelect(id);
  } catch (error) {
    fieldError(form, error);
  }
}

async function submitConvert(e) {
  e.preventDefault();
  const form = $("convert-form");
  clearForm(form);
  $("convert-status").className = "";
  $("convert-status").textContent = "Converting (runs the code once on a sample event in the sandbox)…";
  try {
    const body = { name: form.elements.name.value.trim(), code: form.elements.code.value, language: form.elements.language.value, config: form.elements.config.value };
    const converted = await api("/api/convert-source", { method: "POST", body });
    $("convert-status").textContent = `Created plugins/${converted.id} (${converted.files.length} files).${converted.warnings.length ? ` Notes: ${converted.warnings.join(" ")}` : ""} Next: pnpm install, then pnpm vitest run --project ${converted.id}.`;
    $("convert-status").className = "ok";
    await loadConnectors();
    await onSelect(converted.id);
  } catch (error) {
    $("convert-status").textContent = "";
    fieldError(form, error);
  }
}

/** Wires the list and the forms; `select(id)` opens a connector. */
export function setupNav(select, features) {
  onSelect = select;
  $("search").addEventListener("input", render);
  $("search").addEventListener("keydown", (e) => {
    const first = $("connectors").querySelector("button");
    if (e.key === "Enter" && first) first.click();
    if (e.key === "ArrowDown" && first) (e.preventDefault(), first.focus());
  });
  $("connectors").addEventListener("keydown", (e) => {
    const buttons = [...$("connectors").querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0 || !["ArrowDown", "ArrowUp"].includes(e.key)) return;
    e.preventDefault();
    if (e.key === "ArrowUp" && at === 0) return $("search").focus();
    buttons[Math.min(buttons.length - 1, Math.max(0, at + (e.key === "ArrowDown" ? 1 : -1)))].focus();
  });
  $("new-form").onsubmit = submitNew;
  $("open-form").onsubmit = submitOpen;
  $("convert-form").onsubmit = submitConvert;
  $("new-section").hidden = !features.newConnector;
}
