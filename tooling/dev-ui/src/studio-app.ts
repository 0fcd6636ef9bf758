import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { importSourceEditor } from "@connectors/harness";
import { checkPackageEdit } from "./api/check-package-edit.ts";
import { convertSourceEditor, type SourceEditorInput } from "./api/convert-source.ts";
import { saveFixtureEvent } from "./api/fixture-events.ts";
import { readPackageFile, resolvePackageFile, writePackageFile } from "./api/package-files.ts";
import { parseAnswer } from "./api/parse-answer.ts";
import { reviewConnector } from "./api/review-connector.ts";
import { sampleEvents } from "./api/samples.ts";
import { saveResponseFixtures } from "./api/save-response-fixtures.ts";
import { StepRequests } from "./api/step-requests.ts";
import { StudioSession, type RunInput } from "./api/studio-session.ts";
import { StudioWorkspace } from "./api/workspace.ts";
import { EventHub } from "./http/event-hub.ts";
import { StudioError } from "./studio-error.ts";
import { parseRunInput } from "./api/parse-run-input.ts";

/** Creates `plugins/<slug>` from the template and returns its folder (the CLI hands in `scaffoldConnector`). */
export type ScaffoldConnector = (root: string, slug: string) => string;

/**
 * What the studio does, independent of HTTP: connectors and their files, sessions that keep state
 * between runs, paused requests, fixtures, tests, review, new connectors and conversion.
 */
export class StudioApp {
  readonly workspace: StudioWorkspace;
  readonly hub = new EventHub();
  readonly stepper = new StepRequests(this.hub);
  readonly #sessions = new Map<string, StudioSession>();
  readonly #scaffold: ScaffoldConnector | undefined;

  constructor(root: string, scaffold?: ScaffoldConnector) {
    this.workspace = new StudioWorkspace(root);
    this.#scaffold = scaffold;
  }

  /** Features the page may offer. */
  features() {
    return { newConnector: this.#scaffold !== undefined, samples: sampleEvents() };
  }

  /** The session of a connector (created on first use). */
  session(id: string): StudioSession {
    const dir = this.workspace.dirOf(id);
    let session = this.#sessions.get(id);
    if (!session) {
      session = new StudioSession({ id, dir, trusted: this.workspace.isTrusted(dir), hub: this.hub, stepper: this.stepper });
      this.#sessions.set(id, session);
    }
    return session;
  }

  /** Runs a hook of a connector with the page's input. */
  run(id: string, body: Record<string, unknown>) {
    const input: RunInput = parseRunInput(body);
    return this.session(id).run(input);
  }

  /** Validates an edit without saving it: the problems the editor marks. */
  async check(id: string, body: Record<string, unknown>) {
    const dir = this.workspace.dirOf(id);
    const { path } = resolvePackageFile(dir, body.path);
    if (typeof body.text !== "string") throw new StudioError(400, 'send {"path": "...", "text": "<file contents>"}', { field: "text" });
    return { problems: await checkPackageEdit(dir, path, body.text) };
  }

  /** Saves a package file unless the edit breaks the package (plugin.json schema, syntax, bundling). @throws StudioError 422 with the problems */
  async save(id: string, body: Record<string, unknown>) {
    const dir = this.workspace.dirOf(id);
    const target = resolvePackageFile(dir, body.path);
    if (typeof body.text !== "string") throw new StudioError(400, 'send {"path": "...", "text": "<file contents>"}', { field: "text" });
    const problems = await checkPackageEdit(dir, target.path, body.text);
    const errors = problems.filter((p) => p.severity === "error");
    if (errors.length) {
      const first = errors[0]!;
      throw new StudioError(422, `Not saved: ${first.file || target.path}${first.file ? `:${first.line}:${first.column}` : ""} ${first.message}`, { field: "text", problems });
    }
    mkdirSync(dirname(target.file), { recursive: true });
    writePackageFile(target.file, body.text);
    return { saved: target.path, problems };
  }

  /** A package file for the editor. */
  read(id: string, path: unknown) {
    return readPackageFile(this.workspace.dirOf(id), path);
  }

  /** Resumes a paused request with the page's answer. */
  answer(requestId: number, body: Record<string, unknown>) {
    this.stepper.answer(requestId, parseAnswer(body));
    return { answered: requestId };
  }

  /** Saves the answered requests of a session as conformance fixtures. */
  saveResponses(id: string, body: Record<string, unknown>) {
    const session = this.session(id);
    const { config, manifest } = session.lastRun;
    if (!manifest) throw new StudioError(400, "run the connector first: there are no answered requests to save", { field: "answered" });
    const wanted = Array.isArray(body.ids) ? new Set(body.ids.map(Number)) : undefined;
    const patterns = typeof body.patterns === "object" && body.patterns !== null ? (body.patterns as Record<string, string>) : {};
    const answered = session.answered.filter((a) => !wanted || wanted.has(a.id));
    return saveResponseFixtures({ dir: session.dir, manifest, config, answered, patterns });
  }

  /** Saves a named test event as a fixture. */
  saveEvent(id: string, body: Record<string, unknown>) {
    return { saved: saveFixtureEvent(this.workspace.dirOf(id), body.name, body.event, body.overwrite === true) };
  }

  /** The review bot's report for a workspace connector. */
  review(id: string) {
    return reviewConnector(this.workspace.root, this.workspace.dirOf(id));
  }

  /** Creates a connector from the template. @throws StudioError 501 when the studio was started without a scaffolder */
  async create(body: Record<string, unknown>) {
    if (!this.#scaffold) throw new StudioError(501, "this studio cannot create connectors: start it with `pnpm connectors dev`");
    const slug = typeof body.slug === "string" ? body.slug.trim() : "";
    if (!slug) throw new StudioError(400, 'Slug is required, e.g. "my-connector"', { field: "slug" });
    try {
      this.#scaffold(this.workspace.root, slug);
    } catch (error) {
      throw new StudioError(400, error instanceof Error ? error.message : String(error), { field: "slug", cause: error });
    }
    return { id: slug };
  }

  /** Converts an opened scratch folder into a workspace package. */
  async convertOpened(body: Record<string, unknown>) {
    if (typeof body.name !== "string") throw new StudioError(400, 'Name is required, e.g. "my-connector"', { field: "name" });
    const imported = await importSourceEditor(this.workspace.dirOf(body.id), { name: body.name, root: this.workspace.root, ...(body.config ? { config: body.config as Record<string, unknown> } : {}) });
    return { id: imported.slug, files: imported.files, warnings: imported.warnings };
  }

  /** Converts pasted source-editor code into a workspace package. */
  async convertSource(body: Record<string, unknown>) {
    const imported = await convertSourceEditor(this.workspace.root, { name: body.name, code: body.code, language: body.language, config: body.config } satisfies SourceEditorInput);
    return { id: imported.slug, files: imported.files, warnings: imported.warnings };
  }

  /** Ends every session (teardownPlugin runs) and the event streams. */
  async close(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((session) => session.close()));
    this.hub.close();
  }
}
