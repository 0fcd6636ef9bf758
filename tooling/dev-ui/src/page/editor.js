// CodeMirror 6 editors of the studio: the package files (one state per file, so each keeps its own
// undo history) and the JSON event box. Problems from the server become lint diagnostics, a gutter
// marker and a highlighted line.
import { basicSetup, EditorView } from "codemirror";
import { EditorState, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import { Decoration, keymap } from "@codemirror/view";
import { javascript } from "@codemirror/lang-javascript";
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { markdown } from "@codemirror/lang-markdown";
import { linter, lintGutter, setDiagnostics } from "@codemirror/lint";

const setProblemLines = StateEffect.define();

// Lines holding an error carry a class and their number, so the eye (and a test) finds them.
const problemLines = StateField.define({
  create: () => Decoration.none,
  update(decorations, tr) {
    for (const effect of tr.effects) if (effect.is(setProblemLines)) return effect.value;
    return decorations.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

function languageFor(path) {
  if (/\.(ts|mts|cts)$/.test(path)) return javascript({ typescript: true });
  if (/\.(js|mjs|cjs)$/.test(path)) return javascript();
  if (path.endsWith(".json")) return json();
  if (path.endsWith(".md")) return markdown();
  return [];
}

function toDiagnostics(doc, problems) {
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
    const from = Math.min(line.from + Math.max(0, (p.column ?? 1) - 1), line.to);
    return { from, to: Math.max(from, line.to), severity: p.severity === "warning" ? "warning" : "error", message: p.message };
  });
}

function lineDecorations(doc, problems) {
  const builder = new RangeSetBuilder();
  const lines = [...new Set(problems.filter((p) => p.severity !== "warning").map((p) => Math.min(Math.max(1, p.line), doc.lines)))].sort((a, b) => a - b);
  for (const number of lines) {
    const line = doc.line(number);
    builder.add(line.from, line.from, Decoration.line({ attributes: { class: "cm-problem-line", "data-problem-line": String(number) } }));
  }
  return builder.finish();
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" },
  ".cm-problem-line": { backgroundColor: "#ffebe9" },
});

/**
 * The package editor. `onChange(path, text)` after each edit; `onSave()` on Ctrl/Cmd-S;
 * `onRun()` on Ctrl/Cmd-Enter.
 */
export function createCodeEditor(parent, { onChange, onSave, onRun }) {
  const states = new Map();
  let current;
  const keys = keymap.of([
    { key: "Mod-s", preventDefault: true, run: () => (onSave(), true) },
    { key: "Mod-Enter", preventDefault: true, run: () => (onRun(), true) },
  ]);
  const extensionsFor = (path) => [
    keys,
    basicSetup,
    languageFor(path),
    lintGutter(),
    problemLines,
    theme,
    EditorView.contentAttributes.of({ "aria-label": `Editor: ${path}` }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(path, update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: "" }) });

  const api = {
    view,
    get path() {
      return current;
    },
    /** Shows a file (its kept state when it was open before, else `text`). */
    open(path, text) {
      if (current) states.set(current, view.state);
      current = path;
      view.setState(states.get(path) ?? EditorState.create({ doc: text, extensions: extensionsFor(path) }));
    },
    /** Forgets every file (another connector). */
    clear() {
      states.clear();
      current = undefined;
      view.setState(EditorState.create({ doc: "" }));
    },
    /** The text of a file (the open one, or a kept state). */
    text(path = current) {
      return (path === current ? view.state : states.get(path))?.doc.toString();
    },
    /** Replaces a file's text (revert, or a change on disk), keeping undo. */
    replace(path, text) {
      if (path !== current) {
        states.delete(path);
        return;
      }
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** Marks problems of the open file (diagnostics, gutter markers, highlighted lines). */
    setProblems(problems) {
      const doc = view.state.doc;
      view.dispatch(setDiagnostics(view.state, toDiagnostics(doc, problems)));
      view.dispatch({ effects: setProblemLines.of(lineDecorations(doc, problems)) });
    },
    /** Scrolls to a line and puts the cursor there. */
    reveal(line, column = 1) {
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(target.from + Math.max(0, column - 1), target.to);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    },
    focus() {
      view.focus();
    },
  };
  return api;
}

/** The event box: JSON with parse markers. `onRun()` on Ctrl/Cmd-Enter. */
export function createJsonEditor(parent, { label, onRun }) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        keymap.of([{ key: "Mod-Enter", preventDefault: true, run: () => (onRun(), true) }]),
        basicSetup,
        json(),
        linter(jsonParseLinter(), { delay: 300 }),
        lintGutter(),
        theme,
        EditorView.contentAttributes.of({ "aria-label": label }),
      ],
    }),
  });
  return {
    view,
    get value() {
      return view.state.doc.toString();
    },
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  };
}
