// Following a Server-Sent Events endpoint of the API. EventSource cannot send the bearer token,
// so the stream is read with fetch (through the API client, which refreshes an expired token)
// and parsed here; a dropped connection is opened again after a growing pause.
import type { ApiClient } from "@shared/api/client";
import { ApiError } from "@shared/api/errors";
import { readEventStream, type SseEvent } from "@shared/sse/parser";
import { api } from "./client";

export interface StreamHandlers {
  onOpen(): void;
  onEvent(event: SseEvent): void;
  /** The connection dropped; another attempt follows. */
  onRetry(error: unknown): void;
  /** The server refused the stream for good (not found, forbidden, not started): no more attempts. */
  onFailure(error: ApiError): void;
}

const FIRST_DELAY_MS = 1_000;
const LONGEST_DELAY_MS = 30_000;

/** The pause before attempt `attempt` (0-based) to reconnect: 1 s, 2 s, 4 s … at most 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
}

/** A refusal that trying again will not change; a 401 has already been through a token refresh. */
function isFinal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Follows the stream at `path` until `signal` aborts or the server refuses it for good. */
export async function followEventStream(
  path: string,
  handlers: StreamHandlers,
  signal: AbortSignal,
  client: ApiClient = api,
): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    try {
      const response = await client.open(path, { accept: "text/event-stream", signal });
      if (!response.body) throw new Error("The server sent an empty event stream.");
      attempt = 0;
      handlers.onOpen();
      await readEventStream(response.body, handlers.onEvent, signal);
      if (signal.aborted) return;
      handlers.onRetry(new Error("The server closed the event stream."));
    } catch (error) {
      if (signal.aborted) return;
      if (isFinal(error)) return handlers.onFailure(error);
      handlers.onRetry(error);
    }
    await pause(reconnectDelay(attempt), signal);
    attempt += 1;
  }
}
