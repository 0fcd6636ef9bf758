// Logs kept across runs: level filter, search, the run each line came from, stacks in package files.
import { $, el } from "./dom.js";

const RANK = { debug: 0, log: 1, info: 1, warn: 2, error: 3 };
let connectorId;
let logs = [];

function visible(log) {
  const level = $("log-level").value;
  const query = $("log-search").value.trim().toLowerCase();
  return (level === "all" || RANK[log.level] >= RANK[level]) && (!query || log.message.toLowerCase().includes(query));
}

function row(log) {
  const [first, ...rest] = log.message.split("\n");
  const message = rest.length ? el("details", {}, [el("summary", { text: first }), el("pre", { text: rest.join("\n") })]) : first;
  return el("tr", { class: `level-${log.level}` }, [el("td", { text: `#${log.run}` }), el("td", { text: log.timestamp.slice(11, 23) }), el("td", { text: log.level }), el("td", {}, [message])]);
}

function render() {
  const shown = logs.filter(visible);
  $("logs").replaceChildren(...shown.slice(-1000).map(row));
  $("log-count").textContent = `${shown.length} of ${logs.length} lines`;
}

/** A live log line. */
export function onLog({ session, log }) {
  if (session !== connectorId) return;
  logs.push(log);
  if (visible(log)) {
    $("logs").append(row(log));
    $("log-count").textContent = `${logs.filter(visible).length} of ${logs.length} lines`;
  }
}

/** Shows another connector's kept logs. */
export function loadLogs(id, kept) {
  connectorId = id;
  logs = [...kept];
  render();
}

$("log-level").addEventListener("change", render);
$("log-search").addEventListener("input", render);
$("log-clear").onclick = () => {
  logs = [];
  render();
};
