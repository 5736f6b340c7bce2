import { useEffect, useState } from "react";
import type { LiveProgress } from "../../api/types";
import { useApi } from "../../auth/AuthProvider";
import { followLive, type LiveStatus } from "./liveStream";

export interface Live {
  /** "off" when no stream is followed (not enabled, or the platform cannot stream). */
  status: LiveStatus | "off";
  progress: LiveProgress | null;
}

/** A session's live progress from its stream while `enabled`; stopped when the screen goes. */
export function useLiveProgress(id: string, enabled: boolean): Live {
  const api = useApi();
  const [live, setLive] = useState<Live>({ status: "off", progress: null });
  useEffect(() => {
    if (!enabled) {
      setLive({ status: "off", progress: null });
      return;
    }
    const controller = new AbortController();
    void followLive((signal) => api.live(id, signal), controller.signal, {
      onProgress: (progress) => setLive({ status: "live", progress }),
      onStatus: (status) => setLive((current) => ({ ...current, status })),
    });
    return () => controller.abort();
  }, [api, id, enabled]);
  return live;
}
