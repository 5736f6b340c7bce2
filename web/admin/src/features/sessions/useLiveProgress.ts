import { useEffect, useState } from "react";
import type { ApiError } from "@shared/api/errors";
import { followEventStream } from "../../api/eventStream";
import type { LiveProgress } from "../../api/types";

export type LiveConnection =
  | { status: "connecting" }
  | { status: "open" }
  | { status: "reconnecting" }
  | { status: "failed"; error: ApiError };

export interface LiveState {
  /** The latest `progress` event, kept while reconnecting. */
  progress: LiveProgress | null;
  /** When it arrived (ms since the epoch). */
  receivedAt: number | null;
  connection: LiveConnection;
}

const initial: LiveState = { progress: null, receivedAt: null, connection: { status: "connecting" } };

function parseProgress(data: string): LiveProgress | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null && "periods" in value ? (value as LiveProgress) : null;
  } catch {
    return null;
  }
}

/** The programme's live progress in a session, from the server's event stream while mounted. */
export function useLiveProgress(sessionId: string): LiveState {
  const [state, setState] = useState<LiveState>(initial);

  useEffect(() => {
    const controller = new AbortController();
    setState(initial);
    void followEventStream(
      `/admin/sessions/${encodeURIComponent(sessionId)}/live`,
      {
        onOpen: () => setState((current) => ({ ...current, connection: { status: "open" } })),
        onEvent: (event) => {
          const progress = event.event === "progress" ? parseProgress(event.data) : null;
          if (progress) setState({ progress, receivedAt: Date.now(), connection: { status: "open" } });
        },
        onRetry: () => setState((current) => ({ ...current, connection: { status: "reconnecting" } })),
        onFailure: (error) => setState((current) => ({ ...current, connection: { status: "failed", error } })),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [sessionId]);

  return state;
}
