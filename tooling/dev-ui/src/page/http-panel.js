// HTTP you can drive: requests listed as they happen, paused requests answered by hand (or with a
// saved response), and the answered ones saved as the connector's conformance fixtures.
import { api } from "./api.js";
import { $, el, pretty } from "./dom.js";

let connectorId;
let live = [];

function headerText(headers) {
  return Object.entries(headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

function renderLive() {
  $("requests").replaceChildren(
    ...live.map((r) => {
      const outcome = r.status !== undefined ? String(r.status) : r.error ? `${r.via === "denied" ? "refused" : "failed"}: ${r.error}` : "waiting…";
      return el("li", { class: r.error ? "error" : "" }, [
        el("details", {}, [
          el("summary", {}, [el("code", { text: `${r.method} ${r.url}` }), ` → ${outcome}`, el("span", { class: "via", text: r.via === "network" ? " (real)" : "" })]),
          el("pre", { text: headerText(r.headers) || "(no headers)" }),
          r.body ? el("pre", { text: r.body.length > 4000 ? `${r.body.slice(0, 4000)}…` : r.body }) : el("p", { class: "help", text: "(no body)" }),
        ]),
      ]);
    }),
  );
  $("requests-empty").hidden = live.length > 0;
}

/** A request event from the server (start or end of one request). */
export function onRequestEvent({ session, phase, request }) {
  if (session !== connectorId) return;
  if (phase === "start") live.push({ ...request });
  else {
    const row = live.find((r) => r.status === undefined && !r.error && r.method === request.method && r.url === request.url);
    if (row) Object.assign(row, request);
    else live.push({ ...request });
  }
  renderLive();
}

/** Shows the requests of a finished run (covers any event the stream missed). */
export function showRunRequests(requests) {
  live = requests.map((r) => ({ ...r }));
  renderLive();
}

/** Clears the live list as a run starts. */
export function startRun() {
  live = [];
  renderLive();
}

function card(paused) {
  const { id, request, suggestions } = paused;
  const status = el("input", { id: `answer-status-${id}`, type: "number", min: "200", max: "599", value: "200" });
  const headers = el("textarea", { id: `answer-headers-${id}`, rows: "2", spellcheck: "false" });
  headers.value = "{}";
  const body = el("textarea", { id: `answer-body-${id}`, rows: "4", spellcheck: "false" });
  body.value = "{}";
  const error = el("p", { class: "error", role: "alert" });
  const choose = el("select", { id: `answer-saved-${id}` }, [el("option", { value: "", text: suggestions.length ? "(type an answer below)" : "(no saved response matches)" }), ...suggestions.map((s, i) => el("option", { value: String(i), text: s.label }))]);
  choose.addEventListener("change", () => {
    const chosen = suggestions[Number(choose.value)]?.response;
    if (!chosen) return;
    status.value = String(chosen.status ?? 200);
    headers.value = pretty(chosen.headers ?? {});
    body.value = chosen.json !== undefined ? pretty(chosen.json) : (chosen.body ?? "");
  });
  const send = async (answer) => {
    error.textContent = "";
    try {
      await api(`/api/requests/${id}/answer`, { method: "POST", body: answer });
    } catch (e) {
      error.textContent = e.message;
      (e.field === "headers" ? headers : e.field === "body" ? body : status).focus();
    }
  };
  const respond = () => {
    let parsedHeaders;
    try {
      parsedHeaders = JSON.parse(headers.value || "{}");
    } catch {
      error.textContent = 'Headers must be JSON, e.g. {"content-type": "application/json"}';
      return headers.focus();
    }
    send({ status: Number(status.value), headers: parsedHeaders, body: body.value });
  };
  const title = `${request.method} ${request.url}`;
  const node = el("article", { class: "paused", id: `paused-${id}`, "aria-label": `Paused request ${title}` }, [
    el("h4", {}, ["Paused: ", el("code", { text: title })]),
    el("details", {}, [el("summary", { text: "Request headers and body" }), el("pre", { text: headerText(request.headers) || "(no headers)" }), el("pre", { text: request.body || "(no body)" })]),
    el("div", { class: "answer-grid" }, [
      el("label", { for: `answer-saved-${id}`, text: "Saved response" }),
      choose,
      el("label", { for: `answer-status-${id}`, text: "Status" }),
      status,
      el("label", { for: `answer-headers-${id}`, text: "Response headers (JSON)" }),
      headers,
      el("label", { for: `answer-body-${id}`, text: "Response body" }),
      body,
    ]),
    el("div", { class: "buttons" }, [el("button", { type: "button", text: "Send response", onclick: respond }), el("button", { type: "button", class: "secondary", text: "Fail as a network error", onclick: () => send({ error: "connection reset (answered in the studio)" }) })]),
    error,
  ]);
  return node;
}

/** A request paused for an answer. */
export function onPaused(paused) {
  if (paused.session !== connectorId) return;
  const node = card(paused);
  $("paused").append(node);
  if ($("paused").children.length === 1) node.querySelector("input, select, textarea")?.focus({ preventScroll: false });
  node.scrollIntoView({ block: "nearest" });
}

/** A paused request was answered (here or in another tab). */
export function onAnswered({ id }) {
  $(`paused-${id}`)?.remove();
  $("paused").querySelector("input, select")?.focus();
}

/** The requests answered this session, with URL patterns to save them under. */
export function showAnswered(answered) {
  const rows = answered.map((a) =>
    el("tr", {}, [
      el("td", {}, [el("input", { type: "checkbox", checked: true, "data-answered": String(a.id), "aria-label": `Save ${a.method} ${a.url}` })]),
      el("td", { text: a.method }),
      el("td", {}, [el("input", { class: "pattern", value: a.pattern, "data-pattern": String(a.id), "aria-label": `URL pattern for ${a.method} ${a.url}`, spellcheck: "false" })]),
      el("td", { text: a.status === undefined ? a.error : String(a.status) }),
    ]),
  );
  $("answered").replaceChildren(...rows);
  $("answered-section").hidden = answered.length === 0;
}

async function saveFixtures() {
  const ids = [...document.querySelectorAll("[data-answered]")].filter((box) => box.checked).map((box) => Number(box.dataset.answered));
  const patterns = Object.fromEntries([...document.querySelectorAll("[data-pattern]")].map((input) => [input.dataset.pattern, input.value.trim()]));
  $("fixtures-status").className = "";
  try {
    const saved = await api(`/api/connectors/${encodeURIComponent(connectorId)}/fixtures/responses`, { method: "POST", body: { ids, patterns } });
    $("fixtures-status").textContent = `Saved to ${saved.file}: ${saved.added} added, ${saved.replaced} replaced${saved.configWritten ? " (with a fixture config; secrets are placeholders)" : ""}.`;
  } catch (error) {
    $("fixtures-status").textContent = `Not saved: ${error.message}`;
    $("fixtures-status").className = "error";
  }
  $("fixtures-status").scrollIntoView({ block: "nearest" });
}

/** Shows another connector: its waiting requests and answered list. */
export function loadHttp(id, snapshot) {
  connectorId = id;
  live = [];
  renderLive();
  $("paused").replaceChildren(...snapshot.waiting.map((w) => card(w)));
  showAnswered(snapshot.answered);
  $("fixtures-status").textContent = "";
}

$("save-fixtures").onclick = () => saveFixtures();
