// The package files: tabs, the editor, dirty markers, Save (refused while the package would not
// bundle), Revert, live checks as you type, and problems placed at their file and line.
import { api, ApiError } from "./api.js";
import { $, el } from "./dom.js";
import { createCodeEditor } from "./editor.js";

const CHECK_DELAY_MS = { json: 300, code: 700 };

export function createFilesPanel({ onSaved, onRun }) {
  const saved = new Map();
  const problems = new Map();
  const changedOnDisk = new Set();
  let connector;
  let checkTimer;
  // How many run outcomes have set problems: a run newer than an edit keeps its markers through that edit's check.
  let runOutcomes = 0;
  const editor = createCodeEditor($("editor"), { onChange: changed, onSave: () => save(), onRun });

  function dirty(path) {
    const text = editor.text(path);
    return text !== undefined && saved.has(path) && text !== saved.get(path);
  }

  function renderTabs() {
    const tabs = (connector?.files ?? []).map((path) =>
      el("button", { type: "button", role: "tab", class: dirty(path) ? "dirty" : "", "aria-selected": String(path === editor.path), tabindex: path === editor.path ? "0" : "-1", "data-path": path, title: path, text: `${path}${dirty(path) ? " •" : ""}`, onclick: () => openFile(path) }),
    );
    $("file-tabs").replaceChildren(...tabs);
    const path = editor.path;
    const state = !path ? "" : changedOnDisk.has(path) ? "changed on disk (Revert loads it)" : dirty(path) ? "unsaved changes" : "saved";
    $("file-state").textContent = path ? `${path}: ${state}` : "";
    $("file-state").className = dirty(path) ? "dirty" : "";
    $("save").disabled = !path || !dirty(path);
    $("revert").disabled = !path || (!dirty(path) && !changedOnDisk.has(path));
  }

  function renderProblems() {
    const all = [...problems.entries()].flatMap(([path, list]) => list.map((p) => ({ ...p, file: p.file || path })));
    $("problems").replaceChildren(
      ...all.map((p) =>
        el("li", { class: p.severity }, [
          el("button", { type: "button", class: "link", text: `${p.file}:${p.line}:${p.column}`, onclick: () => reveal(p) }),
          ` ${p.message}`,
        ]),
      ),
    );
    $("problems").hidden = all.length === 0;
  }

  function applyProblems(path) {
    if (editor.path === path) editor.setProblems(problems.get(path) ?? []);
  }

  /**
   * Sets the problems of files (a map of path -> list); files not named keep theirs unless `replace`.
   * `fromRun` marks problems a run reported: the bundle check of an edit made before that run must
   * not clear them (its debounce or a busy machine can make it answer after the run).
   */
  function setProblems(byPath, { replace = false, fromRun = false } = {}) {
    if (fromRun) {
      runOutcomes += 1;
      byPath = Object.fromEntries(Object.entries(byPath).map(([path, list]) => [path, list.map((p) => ({ ...p, fromRun: true }))]));
    }
    if (replace) {
      for (const path of problems.keys()) if (!(path in byPath)) problems.delete(path), applyProblems(path);
    }
    for (const [path, list] of Object.entries(byPath)) {
      if (list.length) problems.set(path, list);
      else problems.delete(path);
      applyProblems(path);
    }
    renderProblems();
  }

  function changed(path, text) {
    renderTabs();
    clearTimeout(checkTimer);
    const delay = path.endsWith(".json") ? CHECK_DELAY_MS.json : CHECK_DELAY_MS.code;
    const runsAtEdit = runOutcomes;
    checkTimer = setTimeout(() => check(path, text, runsAtEdit), delay);
  }

  /** The problems of runs newer than the edit being checked, which that edit's check must keep. */
  function newerRunProblems(path, runsAtEdit) {
    return runOutcomes === runsAtEdit ? [] : (problems.get(path) ?? []).filter((p) => p.fromRun);
  }

  async function check(path, text, runsAtEdit) {
    if (!connector || editor.text(path) !== text) return;
    try {
      const result = await api(`/api/connectors/${encodeURIComponent(connector.id)}/check`, { method: "POST", body: { path, text } });
      if (editor.text(path) !== text) return;
      const checked = groupByFile(result.problems, path);
      setProblems({ ...checked, [path]: [...(checked[path] ?? []), ...newerRunProblems(path, runsAtEdit)] });
    } catch {
      // a check that fails leaves the markers as they are
    }
  }

  function groupByFile(list, path) {
    const byPath = { [path]: [] };
    for (const p of list) (byPath[p.file || path] ??= []).push(p);
    return byPath;
  }

  async function openFile(path) {
    if (!saved.has(path)) {
      const file = await api(`/api/connectors/${encodeURIComponent(connector.id)}/files?path=${encodeURIComponent(path)}`);
      saved.set(path, file.text);
    }
    editor.open(path, saved.get(path));
    applyProblems(path);
    renderTabs();
  }

  async function reveal(problem) {
    if (!connector?.files.includes(problem.file)) return;
    await openFile(problem.file);
    editor.reveal(problem.line, problem.column);
  }

  async function save() {
    const path = editor.path;
    if (!connector || !path) return false;
    const text = editor.text(path);
    $("save-status").textContent = "Checking…";
    try {
      const result = await api(`/api/connectors/${encodeURIComponent(connector.id)}/files`, { method: "PUT", body: { path, text } });
      saved.set(path, text);
      changedOnDisk.delete(path);
      setProblems(groupByFile(result.problems, path));
      $("save-status").textContent = `Saved ${path}.`;
      $("save-status").className = "";
      renderTabs();
      await onSaved(path);
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.problems.length) setProblems(groupByFile(error.problems, path));
      $("save-status").textContent = error.message;
      $("save-status").className = "error";
      const first = error.problems.find((p) => p.severity === "error");
      if (first) await reveal({ ...first, file: first.file || path });
      return false;
    }
  }

  function revert() {
    const path = editor.path;
    if (!path) return;
    if (changedOnDisk.has(path)) {
      saved.delete(path);
      changedOnDisk.delete(path);
      editor.replace(path, "");
      return void api(`/api/connectors/${encodeURIComponent(connector.id)}/files?path=${encodeURIComponent(path)}`).then((file) => {
        saved.set(path, file.text);
        editor.replace(path, file.text);
        renderTabs();
      });
    }
    editor.replace(path, saved.get(path));
    $("save-status").textContent = `Reverted ${path}.`;
    renderTabs();
  }

  /** A file changed on disk: reload it when it has no unsaved edits. */
  async function changedOutside(path) {
    if (!connector || !connector.files.includes(path)) return false;
    if (dirty(path)) {
      changedOnDisk.add(path);
      renderTabs();
      return false;
    }
    const file = await api(`/api/connectors/${encodeURIComponent(connector.id)}/files?path=${encodeURIComponent(path)}`).catch(() => undefined);
    if (!file || file.text === saved.get(path)) return false;
    saved.set(path, file.text);
    editor.replace(path, file.text);
    renderTabs();
    return true;
  }

  async function newFile() {
    const input = $("new-file-path");
    const path = input.value.trim();
    $("new-file-error").textContent = "";
    if (!path) return void ($("new-file-error").textContent = 'Path is required, e.g. "lib/format-event.ts"');
    if (connector.files.includes(path)) return openFile(path);
    try {
      await api(`/api/connectors/${encodeURIComponent(connector.id)}/files`, { method: "PUT", body: { path, text: path.endsWith(".json") ? "{}\n" : "" } });
    } catch (error) {
      $("new-file-error").textContent = error.message;
      return;
    }
    connector.files.push(path);
    input.value = "";
    $("new-file-form").hidden = true;
    await openFile(path);
  }

  $("save").onclick = () => save();
  $("revert").onclick = () => revert();
  $("new-file").onclick = () => {
    $("new-file-form").hidden = !$("new-file-form").hidden;
    if (!$("new-file-form").hidden) $("new-file-path").focus();
  };
  $("new-file-form").onsubmit = (e) => {
    e.preventDefault();
    newFile();
  };

  return {
    editor,
    /** Shows another connector's files (its entry file first). */
    async load(detail) {
      connector = detail;
      saved.clear();
      problems.clear();
      changedOnDisk.clear();
      editor.clear();
      renderProblems();
      $("save-status").textContent = "";
      if (detail.files.length) await openFile(detail.files.includes(detail.main) ? detail.main : detail.files[0]);
      else renderTabs();
    },
    save,
    changedOutside,
    setProblems,
    reveal,
    hasUnsaved: () => (connector?.files ?? []).some(dirty),
    openFile,
  };
}
