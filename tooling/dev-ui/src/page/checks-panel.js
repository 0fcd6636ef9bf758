// Run tests (vitest output streamed as it comes) and Review (the review bot's report).
import { api, streamText } from "./api.js";
import { $, el } from "./dom.js";

let connectorId;

async function runTests() {
  const out = $("tests-output");
  out.textContent = "";
  $("tests-status").textContent = "Running tests…";
  $("run-tests").disabled = true;
  try {
    await streamText(`/api/connectors/${encodeURIComponent(connectorId)}/tests`, (text) => {
      out.textContent += text;
      out.scrollTop = out.scrollHeight;
    });
    const code = /\[exit code (\d+)\]\s*$/.exec(out.textContent)?.[1];
    $("tests-status").textContent = code === "0" ? "Tests passed." : `Tests failed (exit code ${code ?? "?"}).`;
    $("tests-status").className = code === "0" ? "ok" : "error";
  } catch (error) {
    $("tests-status").textContent = error.message;
    $("tests-status").className = "error";
  } finally {
    $("run-tests").disabled = false;
  }
}

async function runReview() {
  $("review-status").textContent = "Reviewing…";
  $("review-status").className = "";
  $("review-findings").replaceChildren();
  try {
    const report = await api(`/api/connectors/${encodeURIComponent(connectorId)}/review`, { method: "POST" });
    const { error = 0, warning = 0, info = 0 } = report.totals ?? {};
    $("review-status").textContent = `Review: ${error} errors, ${warning} warnings, ${info} notes.`;
    $("review-status").className = error ? "error" : "ok";
    $("review-findings").replaceChildren(
      ...report.findings.map((f) => el("tr", { class: `level-${f.severity === "info" ? "info" : f.severity === "warning" ? "warn" : "error"}` }, [el("td", { text: f.severity }), el("td", { text: f.rule }), el("td", { text: `${f.file}${f.line ? `:${f.line}` : ""}` }), el("td", { text: `${f.message}. Fix: ${f.fix}` })])),
    );
    $("review-markdown").textContent = report.markdown;
  } catch (error) {
    $("review-status").textContent = error.message;
    $("review-status").className = "error";
  }
}

/** Shows another connector (tests only for workspace packages). */
export function loadChecks(detail) {
  connectorId = detail.id;
  $("tests-output").textContent = "";
  $("tests-status").textContent = detail.trusted ? "" : "Tests run in-process, so only workspace packages of this checkout run them here.";
  $("run-tests").disabled = !detail.trusted;
  $("review-status").textContent = "";
  $("review-findings").replaceChildren();
  $("review-markdown").textContent = "";
}

$("run-tests").onclick = () => runTests();
$("run-review").onclick = () => runReview();
