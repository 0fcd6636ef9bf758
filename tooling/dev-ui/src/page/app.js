// Connector studio page: plain DOM, no framework, no external assets.
const $ = (id) => document.getElementById(id);
const state = { id: undefined, detail: undefined, samples: {}, attachments: {} };

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { "content-type": "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
  return body;
}

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children) node.append(child);
  return node;
}

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
  return (state.detail?.manifest.config ?? []).filter((f) => typeof f.key === "string");
}

function readValues() {
  const values = {};
  for (const field of fields()) {
    if (field.type === "attachment") continue;
    const input = $(`cfg-${field.key}`);
    if (!input) continue;
    if (field.type === "dictionary") {
      try { values[field.key] = input.value.trim() ? JSON.parse(input.value) : {}; } catch { values[field.key] = input.value; }
    } else values[field.key] = input.value;
  }
  return values;
}

function applyVisibility() {
  const values = readValues();
  for (const field of fields()) {
    const wrapper = $(`field-${field.key}`);
    if (wrapper) wrapper.hidden = Boolean(field.visible_if && !conditionMatches(field.visible_if, values));
  }
}

function renderField(field) {
  const id = `cfg-${field.key}`;
  const label = el("label", { for: id, text: `${field.name ?? field.key}${field.required ? " *" : ""}` });
  let input;
  if (field.type === "choice") {
    input = el("select", { id }, (field.required ? [] : [el("option", { value: "", text: "" })]).concat(field.choices.map((c) => el("option", { value: c, text: c }))));
  } else if (field.type === "json" || field.type === "dictionary") {
    input = el("textarea", { id, rows: "4", spellcheck: "false" });
  } else if (field.type === "attachment") {
    input = el("input", { id, type: "file" });
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) return delete state.attachments[field.key];
      const bytes = new Uint8Array(await file.arrayBuffer());
      state.attachments[field.key] = { file_name: file.name, content_type: file.type || "application/octet-stream", base64: btoa(String.fromCharCode(...bytes)) };
    });
  } else {
    input = el("input", { id, type: field.secret ? "password" : "text", autocomplete: "off" });
  }
  if (field.default !== undefined && field.type !== "attachment") input.value = typeof field.default === "string" ? field.default : JSON.stringify(field.default);
  input.setAttribute("aria-describedby", `help-${field.key} err-${field.key}`);
  input.addEventListener("input", applyVisibility);
  input.addEventListener("change", applyVisibility);
  return el("div", { class: "field", id: `field-${field.key}` }, [label, input, el("p", { class: "help", id: `help-${field.key}`, text: field.hint ?? "" }), el("p", { class: "error", id: `err-${field.key}`, role: "alert" })]);
}

function renderConfig() {
  const form = $("config-form");
  form.replaceChildren(...(state.detail.manifest.config ?? []).map((entry) => (typeof entry.key === "string" ? renderField(entry) : el("p", { class: "help", text: entry.markdown ?? "" }))));
  if (!fields().length) form.append(el("p", { class: "help", text: "This connector has no configuration." }));
  applyVisibility();
}

function hooksOf(source) {
  const hooks = ["processEvent", "onEvent", "composeWebhook", "runEveryMinute", "runEveryHour", "runEveryDay"].filter((h) => new RegExp(`\\b${h}\\b`).test(source) || (h === "processEvent" && /processEventBatch/.test(source)) || (h === "onEvent" && /exportEvents/.test(source)));
  return hooks.length ? hooks : ["processEvent"];
}

async function selectConnector(id) {
  state.id = id;
  state.detail = await api(`/api/connectors/${encodeURIComponent(id)}`);
  for (const button of document.querySelectorAll("#connectors button")) button.setAttribute("aria-current", String(button.dataset.id === id));
  $("title").textContent = state.detail.manifest.name;
  $("description").textContent = state.detail.manifest.description ?? "";
  $("source").value = state.detail.source;
  $("source-label").textContent = `Source of ${state.detail.entryFile.split("/").pop()}`;
  $("hook").replaceChildren(...hooksOf(state.detail.source).map((h) => el("option", { value: h, text: h })));
  renderConfig();
  $("convert-form").hidden = !id.startsWith("/");
  if (!$("event").value) $("event").value = JSON.stringify(state.samples.pageview, null, 2);
}

async function loadConnectors() {
  const connectors = await api("/api/connectors");
  $("connectors").replaceChildren(...connectors.map((c) => el("li", {}, [Object.assign(el("button", { type: "button", "data-id": c.id, text: c.local ? `${c.name} (local)` : c.name }), { onclick: () => selectConnector(c.id) })])));
}

// A line diff (longest common subsequence) of the input and output JSON.
function diffLines(before, after) {
  const a = before.split("\n"), b = after.split("\n");
  // A line that only gained or lost its trailing comma is unchanged.
  const same = (x, y) => x.replace(/,$/, "") === y.replace(/,$/, "");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = same(a[i], b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i], b[j])) { out.push([" ", b[j]]); i++; j++; }
    else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(["+", b[j++]]);
    else out.push(["-", a[i++]]);
  }
  return out;
}

function showOutput(input, result) {
  const diff = $("diff");
  if (!result.ok) {
    $("status").textContent = `Error: ${result.error.message}`;
    $("status").className = "error";
    diff.replaceChildren();
    for (const issue of result.error.issues ?? []) {
      const target = $(`err-${issue.path.slice(1).split("/")[0]}`);
      if (target) target.textContent = issue.message;
    }
    if (result.error.issues) $("config-error").textContent = "Fix the configuration errors above.";
  } else {
    $("status").className = "";
    $("status").textContent = result.dropped ? `The event was dropped (${result.ms.toFixed(0)} ms)` : `${result.hook} ran in ${result.ms.toFixed(0)} ms`;
    const after = result.output === null || result.output === undefined ? "" : JSON.stringify(result.output, null, 2);
    const lines = result.hook === "processEvent" ? diffLines(JSON.stringify(input, null, 2), after) : after.split("\n").map((l) => [" ", l]);
    diff.replaceChildren(...lines.map(([mark, text]) => el("span", { class: mark === "+" ? "add" : mark === "-" ? "del" : "", text: `${mark} ${text}\n` })));
  }
  $("requests").replaceChildren(...(result.requests ?? []).map((r) => el("li", { text: `${r.method} ${r.url} → ${r.status ?? r.error ?? r.via}${r.body ? `  ${r.body.slice(0, 200)}` : ""}` })));
  $("logs").replaceChildren(...(result.logs ?? []).map((l) => el("tr", { class: `level-${l.level}` }, [el("td", { text: l.timestamp }), el("td", { text: l.level }), el("td", { text: l.message })])));
  $("state").textContent = JSON.stringify({ storage: result.storage, cache: result.cache, captured: result.captured, pendingJobs: result.pendingJobs, errors: result.errors }, null, 2);
}

async function run() {
  if (!state.id) return;
  for (const node of document.querySelectorAll(".field .error")) node.textContent = "";
  $("config-error").textContent = "";
  let event;
  try { event = JSON.parse($("event").value || "null"); } catch (error) { $("status").textContent = `The event is not valid JSON: ${error.message}`; $("status").className = "error"; return; }
  $("status").textContent = "Running…";
  const result = await api("/api/run", { method: "POST", body: JSON.stringify({ id: state.id, hook: $("hook").value, config: readValues(), event, attachments: state.attachments, sandbox: $("sandbox").checked }) });
  showOutput(event, result);
}

async function save() {
  await api(`/api/connectors/${encodeURIComponent(state.id)}/source`, { method: "PUT", body: JSON.stringify({ source: $("source").value }) });
  $("save-status").textContent = "Saved.";
}

async function main() {
  state.samples = await api("/api/samples");
  await loadConnectors();
  for (const button of document.querySelectorAll("[data-sample]")) button.onclick = () => ($("event").value = JSON.stringify(state.samples[button.dataset.sample], null, 2));
  $("run").onclick = () => run().catch((error) => ($("status").textContent = `Error: ${error.message}`));
  $("save").onclick = () => save().then(run).catch((error) => ($("save-status").textContent = `Not saved: ${error.message}`));
  $("open-form").onsubmit = async (e) => {
    e.preventDefault();
    try { const { id } = await api("/api/open", { method: "POST", body: JSON.stringify({ path: $("open-path").value }) }); $("open-error").textContent = ""; await loadConnectors(); await selectConnector(id); }
    catch (error) { $("open-error").textContent = error.message; }
  };
  $("convert-form").onsubmit = async (e) => {
    e.preventDefault();
    try {
      const imported = await api("/api/convert", { method: "POST", body: JSON.stringify({ id: state.id, name: $("convert-name").value, config: readValues() }) });
      $("convert-status").textContent = `Created plugins/${imported.id} (${imported.files.length} files). Next: pnpm install, then pnpm vitest run --project ${imported.id}.`;
      await loadConnectors();
      await selectConnector(imported.id);
    } catch (error) { $("convert-status").textContent = `Not converted: ${error.message}`; }
  };
  const events = new EventSource("/api/watch");
  events.addEventListener("change", async (e) => {
    const { id } = JSON.parse(e.data);
    if (id !== state.id || document.activeElement === $("source")) return;
    const detail = await api(`/api/connectors/${encodeURIComponent(state.id)}`);
    $("source").value = detail.source;
  });
}

main();
