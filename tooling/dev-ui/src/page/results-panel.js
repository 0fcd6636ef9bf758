// What a run produced: the output (a diff for transformations), per-event errors with their place
// in the code, captured events, and the state kept between runs.
import { $, el, pretty } from "./dom.js";
import { diffLines } from "./diff.js";

function diffView(input, output) {
  const after = output === null || output === undefined ? "" : pretty(output);
  return el(
    "pre",
    { class: "diff", "aria-label": "Output compared with the input" },
    diffLines(pretty(input), after).map(([mark, text]) => el("span", { class: mark === "+" ? "add" : mark === "-" ? "del" : "", text: `${mark} ${text}\n` })),
  );
}

function whereLink(location, reveal) {
  return el("button", { type: "button", class: "link", text: `${location.file}:${location.line}:${location.column}`, onclick: () => reveal(location) });
}

function errorView(error, reveal) {
  return el("div", { class: "run-error", role: "alert" }, [
    el("p", {}, [el("strong", { text: "Error: " }), error.message, error.location ? " at " : "", error.location ? whereLink(error.location, reveal) : ""]),
    error.frames?.length ? el("ol", { class: "frames", "aria-label": "Stack (connector frames)" }, error.frames.map((f) => el("li", {}, [el("code", { text: f.fn }), " ", whereLink(f, reveal)]))) : "",
  ]);
}

function resultView(hook, result, index, count, reveal) {
  const heading = count > 1 ? el("h4", { text: `Event ${index + 1} of ${count}${result.input?.event ? ` (${result.input.event})` : ""}` }) : "";
  if (result.error) return el("div", { class: "result" }, [heading, errorView(result.error, reveal)]);
  if (hook === "processEvent") return el("div", { class: "result" }, [heading, result.dropped ? el("p", { text: "The event was dropped (processEvent returned null)." }) : diffView(result.input, result.output)]);
  const text = result.output === null || result.output === undefined ? `${hook} finished.` : pretty(result.output);
  return el("div", { class: "result" }, [heading, el("pre", { text })]);
}

/** A one-line summary for the status line under Run. */
export function summarize(result) {
  if (result.error && !result.results) return `Could not start: ${result.error.message}`;
  const failed = (result.results ?? []).filter((r) => r.error).length;
  const count = (result.results ?? []).length;
  const what = result.hook === "advance" ? `Clock moved to ${result.state.clock.slice(0, 16).replace("T", " ")} UTC` : `${result.hook} ran${count > 1 ? ` on ${count} events` : ""}`;
  const where = result.error?.location ? ` (${result.error.location.file}:${result.error.location.line})` : "";
  return failed ? `${what}: ${failed} failed: ${result.error.message}${where}` : `${what} in ${result.ms.toFixed(0)} ms`;
}

/** Renders a run into the Output and State tabs. */
export function showResult(result, reveal) {
  const results = result.results ?? [];
  const parts = results.map((r, i) => resultView(result.hook, r, i, results.length, reveal));
  if (result.error && !result.results) parts.push(errorView(result.error, reveal));
  if (result.backgroundErrors?.length) parts.push(el("div", { class: "run-error" }, [el("h4", { text: "Background errors (jobs, schedules, exports)" }), ...result.backgroundErrors.map((e) => el("p", { text: `${e.hook}: ${e.message}` }))]));
  if (result.droppedNotes?.length) parts.push(el("div", { class: "run-note" }, result.droppedNotes.map((note) => el("p", { text: note }))));
  if (result.captured?.length) parts.push(el("details", {}, [el("summary", { text: `${result.captured.length} events captured with posthog.capture` }), el("pre", { text: pretty(result.captured) })]));
  $("output").replaceChildren(...parts);
  if (result.state) showState(result.state);
}

/** Renders storage, cache, global, jobs and the clock. */
export function showState(state) {
  $("clock").textContent = `${state.clock.slice(0, 16).replace("T", " ")} UTC`;
  $("state").textContent = pretty({ storage: state.storage, cache: state.cache, ...(state.global !== undefined ? { global: state.global } : {}), pendingJobs: state.pendingJobs });
  $("state-note").textContent = state.global === undefined ? "global lives inside the sandbox's isolate; it is kept across runs too." : "";
}
