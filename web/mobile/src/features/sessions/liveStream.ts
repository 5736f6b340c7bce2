// Follows a session's live progress stream: reads `progress` events as they arrive, reconnects
// with backoff when the connection drops, and gives up when the server says there is nothing to
// follow (409: not joined or not started; 404; 401 once the refresh failed).
import { ApiError } from "@shared/api/errors";
import type { LiveProgress } from "../../api/types";
import { readEventStream } from "@shared/sse/parser";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "unavailable";

export interface LiveHandlers {
  onProgress(progress: LiveProgress): void;
  onStatus(status: LiveStatus): void;
}

/** 1 s, 2 s, 4 s … at most 30 s between attempts. */
export function backoff(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}

function wait(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

/** Worth another attempt: the network or the server failed, not the request. */
function retryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

async function read(body: ReadableStream<Uint8Array>, onProgress: (progress: LiveProgress) => void) {
  await readEventStream(body, (event) => {
    if (event.event === "progress") onProgress(JSON.parse(event.data) as LiveProgress);
  });
}

export async function followLive(
  open: (signal: AbortSignal) => Promise<Response>,
  signal: AbortSignal,
  { onProgress, onStatus }: LiveHandlers,
  delay: (attempt: number) => number = backoff,
): Promise<void> {
  let attempt = 0;
  onStatus("connecting");
  while (!signal.aborted) {
    try {
      const response = await open(signal);
      if (!response.body) {
        onStatus("unavailable");
        return;
      }
      await read(response.body, (progress) => {
        attempt = 0;
        onStatus("live");
        onProgress(progress);
      });
    } catch (error) {
      if (signal.aborted) return;
      if (!retryable(error)) {
        onStatus("unavailable");
        return;
      }
    }
    if (signal.aborted) return;
    onStatus("reconnecting");
    await wait(delay(attempt), signal);
    attempt += 1;
  }
}
