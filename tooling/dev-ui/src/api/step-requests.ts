import type { MockResponse } from "@connectors/harness";
import type { EventHub } from "../http/event-hub.ts";
import { StudioError } from "../studio-error.ts";

/** A request as the page sees it while it waits: secrets masked. */
export interface ShownRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A saved response the page offers as a one-click answer. */
export interface SuggestedResponse {
  label: string;
  response: MockResponse;
}

interface Waiting {
  id: number;
  session: string;
  request: ShownRequest;
  suggestions: SuggestedResponse[];
  resolve(answer: MockResponse): void;
}

/**
 * Requests paused until someone answers them in the page (PostHog's test harness pauses a function
 * at each fetch the same way). The hook waits on {@link ask}; the page answers with
 * {@link answer}, or a stop fails every waiting request as a network error would.
 */
export class StepRequests {
  readonly #hub: EventHub;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;

  constructor(hub: EventHub) {
    this.#hub = hub;
  }

  /** Pauses until the page answers this request. */
  ask(session: string, request: ShownRequest, suggestions: SuggestedResponse[]): Promise<MockResponse> {
    return new Promise((resolve) => {
      const id = this.#nextId++;
      this.#waiting.set(id, { id, session, request, suggestions, resolve });
      this.#hub.publish("paused", { id, session, request, suggestions });
    });
  }

  /** Requests of a session still waiting, oldest first (a page that reloads picks them up). */
  waiting(session: string): Array<{ id: number; request: ShownRequest; suggestions: SuggestedResponse[] }> {
    return [...this.#waiting.values()].filter((w) => w.session === session).map(({ id, request, suggestions }) => ({ id, request, suggestions }));
  }

  /** Resumes the hook with an answer. @throws StudioError 404 when nothing waits under that id */
  answer(id: number, response: MockResponse): void {
    const waiting = this.#waiting.get(id);
    if (!waiting) throw new StudioError(404, `no request ${id} is waiting for an answer (it was answered or the run stopped)`, { field: "id" });
    this.#waiting.delete(id);
    waiting.resolve(response);
    this.#hub.publish("answered", { id, session: waiting.session, status: response.status ?? (response.error ? undefined : 200), error: response.error });
  }

  /** Fails every waiting request of a session as a network error (the run was stopped or reset). */
  cancel(session: string, reason: string): number {
    const mine = [...this.#waiting.values()].filter((w) => w.session === session);
    for (const waiting of mine) this.answer(waiting.id, { error: reason });
    return mine.length;
  }
}
