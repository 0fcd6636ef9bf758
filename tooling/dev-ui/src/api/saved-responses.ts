import { FetchInterceptor, type InterceptedRequest, type MockResponse } from "@connectors/harness";
import type { FixtureSecrets } from "./fixture-secrets.ts";
import type { AnsweredRequest } from "./save-response-fixtures.ts";
import type { SuggestedResponse } from "./step-requests.ts";

interface Saved {
  method: string;
  url: string;
  label: string;
  response: MockResponse;
}

const MAX_SUGGESTIONS = 8;

/**
 * The responses a session knows: `fixtures/conformance.json`'s (URL patterns), then the answers the
 * user gave earlier (latest first). Outside step mode they answer matching requests by themselves;
 * in step mode they are offered as one-click answers.
 */
export class SavedResponses {
  readonly #saved: Saved[];
  readonly #interceptor = new FetchInterceptor();
  readonly #secrets: FixtureSecrets;

  constructor(declared: ReadonlyArray<{ method: string; url: string } & MockResponse>, answered: readonly AnsweredRequest[], secrets: FixtureSecrets) {
    this.#secrets = secrets;
    this.#saved = [
      ...declared.map(({ method, url, ...response }) => ({ method, url, label: `fixtures: ${method} ${url} → ${response.status ?? 200}`, response })),
      ...[...answered].reverse().map((a) => ({ method: a.method, url: a.url, label: `answered before: ${a.method} → ${a.response.status ?? 200}`, response: a.response })),
    ];
    for (const s of this.#saved) this.#interceptor.on(s.method, s.url, s.response);
  }

  /** True when a saved response answers this request. */
  answers(request: InterceptedRequest): boolean {
    return this.#interceptor.handles(request.method, request.url);
  }

  /** The first saved response for this request. */
  respond(request: InterceptedRequest): Promise<Response> {
    return this.#interceptor.respond(request);
  }

  /** Saved responses that match a request, for the paused request's picker (secrets replaced in labels). */
  suggestionsFor(request: InterceptedRequest): SuggestedResponse[] {
    return this.#saved
      .filter((s) => new FetchInterceptor().on(s.method, s.url, {}).handles(request.method, request.url))
      .slice(0, MAX_SUGGESTIONS)
      .map((s) => ({ label: this.#secrets.replace(s.label), response: s.response }));
  }
}
