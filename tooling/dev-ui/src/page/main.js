// The connector studio page: wires the editor, the run panel, HTTP, logs, state and checks.
import { api, listen } from "./api.js";
import { loadChecks } from "./checks-panel.js";
import { clearConfigErrors, readAttachments, readConfig, renderConfig, showConfigErrors } from "./config-form.js";
import { loadConnectors, markSelected, setupNav } from "./connectors-nav.js";
import { $, el, pretty, setupTabs } from "./dom.js";
import { createJsonEditor } from "./editor.js";
import { createFilesPanel } from "./files-panel.js";
import { loadHttp, onAnswered, onPaused, onRequestEvent, showAnswered, showRunRequests, startRun } from "./http-panel.js";
import { loadLogs, onLog } from "./logs-panel.js";
import { showResult, showState, summarize } from "./results-panel.js";

const EVENT_HOOKS = new Set(["processEvent", "onEvent", "composeWebhook"]);
const state = { id: undefined, detail: undefined, samples: {}, running: false, ranOnce: false };

const files = createFilesPanel({ onSaved: () => rerun(), onRun: () => run() });
const eventBox = createJsonEditor($("event-editor"), { label: "Event JSON", onRun: () => run() });
const resultTabs = setupTabs($("result-tabs"));

function setStatus(text, kind = "") {
  $("status").textContent = text;
  $("status").className = kind;
}

function hookKind(hook) {
  if (EVENT_HOOKS.has(hook)) return "event";
  if (hook.startsWith("job:")) return "job";
  return "task";
}

function showHookInputs() {
  const kind = hookKind($("hook").value);
  $("event-section").hidden = kind === "task";
  $("event-heading").textContent = kind === "job" ? "Job payload" : "Event";
  $("event-tools").hidden = kind !== "event";
  $("times-field").hidden = kind !== "event";
  $("run-fixtures").hidden = kind !== "event" || !(state.detail?.fixtures ?? []).length;
  $("task-note").hidden = kind !== "task";
  $("task-note").textContent = kind === "task" ? `${$("hook").value} takes no event: Run calls it once now; the clock below runs it on its schedule.` : "";
}

function setHooks(hooks, jobs = []) {
  const current = $("hook").value;
  const all = [...hooks, ...jobs.filter((j) => !j.startsWith("$")).map((j) => `job:${j}`)];
  $("hook").replaceChildren(...all.map((h) => el("option", { value: h, text: h.startsWith("job:") ? `job ${h.slice(4)}` : h })));
  if (all.includes(current)) $("hook").value = current;
  showHookInputs();
  const scheduled = hooks.some((h) => h.startsWith("runEvery"));
  $("clock-note").textContent = scheduled ? "Scheduled hooks run as the virtual clock passes their time." : "Jobs run when the virtual clock reaches them.";
}

function renderFixtures() {
  const fixtures = state.detail?.fixtures ?? [];
  $("fixture-select").replaceChildren(el("option", { value: "", text: fixtures.length ? `Fixtures (${fixtures.length})` : "No fixtures yet" }), ...fixtures.map((f, i) => el("option", { value: String(i), text: f.name })));
  $("fixture-select").disabled = fixtures.length === 0;
  showHookInputs();
}

async function refreshDetail() {
  const detail = await api(`/api/connectors/${encodeURIComponent(state.id)}`);
  state.detail = { ...state.detail, ...detail };
  renderFixtures();
}

async function selectConnector(id) {
  state.id = id;
  state.ranOnce = false;
  // A run of the connector shown before goes on in its session; its result is not shown here.
  state.running = false;
  $("run").disabled = false;
  markSelected(id);
  const detail = await api(`/api/connectors/${encodeURIComponent(id)}`);
  if (state.id !== id) return;
  state.detail = detail;
  $("title").textContent = detail.manifest.name;
  $("description").textContent = detail.manifest.description ?? "";
  $("trust-note").textContent = detail.trusted ? "Workspace package: runs in-process (tick “Run in the sandbox” to isolate it)." : "Not a workspace package of this checkout: it always runs in the sandbox.";
  $("sandbox").disabled = !detail.trusted;
  $("sandbox").checked = !detail.trusted || $("sandbox").checked;
  $("convert-opened-form").hidden = !id.startsWith("/");
  renderConfig(id, detail.manifest);
  setHooks(detail.hooks);
  renderFixtures();
  if (!eventBox.value.trim()) eventBox.value = pretty(state.samples.pageview);
  setStatus(detail.loadError ? `This connector does not load: ${detail.loadError.message}` : "", detail.loadError ? "error" : "");
  $("output").replaceChildren();
  await files.load(detail);
  if (detail.loadError?.problems) files.setProblems(groupProblems(detail.loadError.problems));
  const snapshot = await api(`/api/connectors/${encodeURIComponent(id)}/session`);
  loadLogs(id, snapshot.logs);
  loadHttp(id, snapshot);
  showState(snapshot.state);
  loadChecks(detail);
  document.title = `${detail.manifest.name} · Connector studio`;
}

function groupProblems(problems) {
  const byFile = {};
  for (const p of problems) if (p.file) (byFile[p.file] ??= []).push(p);
  return byFile;
}

function readEvents(kind) {
  if (kind === "task") return {};
  let value;
  try {
    value = JSON.parse(eventBox.value || "null");
  } catch (error) {
    throw new Error(`The ${kind === "job" ? "payload" : "event"} is not valid JSON: ${error.message}`);
  }
  if (kind === "job") return { payload: value };
  return { event: value, times: Number($("times").value || 1) };
}

function httpMode() {
  return { step: $("step").checked, real: $("real").checked };
}

/** Runs the chosen hook (or moves the clock) and shows everything it did. */
async function run(extra = {}) {
  if (!state.id || state.running) return;
  const id = state.id;
  const hook = extra.hook ?? $("hook").value;
  let inputs;
  try {
    inputs = extra.events ? { events: extra.events } : hook === "advance" ? {} : readEvents(hookKind(hook));
  } catch (error) {
    return setStatus(error.message, "error");
  }
  clearConfigErrors();
  state.running = true;
  $("run").disabled = true;
  $("stop").disabled = false;
  startRun();
  setStatus(hook === "advance" ? "Moving the clock…" : `Running ${hook}…`, "busy");
  try {
    const result = await api(`/api/connectors/${encodeURIComponent(id)}/run`, {
      method: "POST",
      body: { hook, config: readConfig(), attachments: readAttachments(), sandbox: $("sandbox").checked, http: httpMode(), ...inputs, ...extra },
    });
    if (state.id !== id) return;
    state.ranOnce = true;
    showRunOutcome(result);
  } catch (error) {
    if (state.id !== id) return;
    setStatus(`Error: ${error.message}`, "error");
    if (error.field === "real" || error.field === "times") $(error.field)?.focus();
  } finally {
    if (state.id === id) state.running = false;
    $("run").disabled = false;
    $("stop").disabled = true;
  }
}

function showRunOutcome(result) {
  setStatus(summarize(result), result.ok ? "ok" : "error");
  $("status").dataset.run = String(result.run);
  showResult(result, (location) => files.reveal(location));
  if (result.requests) showRunRequests(result.requests);
  if (result.capabilities) setHooks(state.detail.hooks.filter((h) => !h.startsWith("runEvery") || result.capabilities.scheduled_tasks.includes(h)).concat(result.capabilities.scheduled_tasks.filter((t) => !state.detail.hooks.includes(t))), result.capabilities.jobs);
  if (result.error?.issues) showConfigErrors(result.error.issues);
  if (result.error?.problems) files.setProblems(groupProblems(result.error.problems), { fromRun: true });
  const failed = (result.results ?? []).find((r) => r.error?.location)?.error;
  if (failed) {
    files.setProblems({ [failed.location.file]: [{ ...failed.location, severity: "error", message: failed.message }] }, { fromRun: true });
    files.reveal(failed.location);
  }
  api(`/api/connectors/${encodeURIComponent(state.id)}/session`).then((snapshot) => showAnswered(snapshot.answered));
  if (!result.ok) resultTabs.select($("tab-output"));
}

/** Hot re-run after a save or an outside change, when there is something to re-run. */
function rerun() {
  if (state.ranOnce && $("rerun").checked) return run();
}

async function main() {
  const features = await api("/api/features");
  state.samples = features.samples;
  setupNav(selectConnector, features);
  await loadConnectors();
  for (const button of document.querySelectorAll("[data-sample]")) button.onclick = () => (eventBox.value = pretty(state.samples[button.dataset.sample]));
  $("hook").onchange = showHookInputs;
  $("run").onclick = () => run();
  $("run-fixtures").onclick = () => run({ events: state.detail.fixtures.map((f) => f.event) });
  $("fixture-select").onchange = () => {
    const fixture = state.detail.fixtures[Number($("fixture-select").value)];
    if (fixture) eventBox.value = pretty(fixture.event);
  };
  for (const button of document.querySelectorAll("[data-advance]")) button.onclick = () => run({ hook: "advance", advanceMs: Number(button.dataset.advance) });
  $("stop").onclick = () => api(`/api/connectors/${encodeURIComponent(state.id)}/stop`, { method: "POST" });
  $("reset").onclick = async () => {
    const snapshot = await api(`/api/connectors/${encodeURIComponent(state.id)}/reset`, { method: "POST" });
    showState(snapshot.state);
    showAnswered(snapshot.answered);
    setStatus("State reset: storage, cache, global, jobs and the clock start over.", "ok");
  };
  $("step").onchange = () => $("step").checked && ($("real").checked = false);
  $("real").onchange = () => $("real").checked && ($("step").checked = false);
  $("save-event-form").onsubmit = async (e) => {
    e.preventDefault();
    $("save-event-status").className = "";
    try {
      const event = JSON.parse(eventBox.value);
      const saved = await api(`/api/connectors/${encodeURIComponent(state.id)}/fixtures/events`, { method: "POST", body: { name: $("event-name").value.trim(), event, overwrite: $("save-event-status").dataset.confirm === $("event-name").value.trim() } });
      $("save-event-status").textContent = `Saved as ${saved.saved}.`;
      delete $("save-event-status").dataset.confirm;
      await refreshDetail();
    } catch (error) {
      $("save-event-status").textContent = error instanceof SyntaxError ? `The event is not valid JSON: ${error.message}` : error.message;
      $("save-event-status").className = "error";
      if (error.status === 409) $("save-event-status").dataset.confirm = $("event-name").value.trim();
    }
  };
  $("convert-opened-form").onsubmit = async (e) => {
    e.preventDefault();
    $("convert-opened-status").className = "";
    try {
      const converted = await api("/api/convert", { method: "POST", body: { id: state.id, name: $("convert-opened-name").value.trim(), config: readConfig() } });
      await loadConnectors();
      await selectConnector(converted.id);
      $("status").textContent = `Converted into plugins/${converted.id} (${converted.files.length} files). Next: pnpm install, then pnpm vitest run --project ${converted.id}.`;
      $("status").className = "ok";
    } catch (error) {
      $("convert-opened-status").textContent = `Not converted: ${error.message}`;
      $("convert-opened-status").className = "error";
    }
  };
  listen({
    change: async ({ id, path }) => {
      if (id !== state.id) return;
      if (path.startsWith("fixtures/")) await refreshDetail();
      // Code changed elsewhere (another editor, git): reload it and re-run; data files only reload.
      if ((await files.changedOutside(path)) && /\.(ts|mts|cts|js|mjs|cjs)$|^plugin\.json$/.test(path) && !files.hasUnsaved()) rerun();
    },
    request: onRequestEvent,
    paused: (paused) => {
      onPaused(paused);
      if (paused.session === state.id) setStatus(`Paused at ${paused.request.method} ${paused.request.url}: answer it below.`, "busy");
    },
    answered: onAnswered,
    log: onLog,
  });
  window.addEventListener("beforeunload", (e) => {
    if (files.hasUnsaved()) e.preventDefault();
  });
  document.body.dataset.ready = "true";
}

main().catch((error) => setStatus(`The studio could not start: ${error.message}`, "error"));
