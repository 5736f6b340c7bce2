import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionWhen } from "../../api/types";
import { useApi } from "../../auth/AuthProvider";

/** Live sessions change minute by minute; the others rarely. */
const REFRESH_MS: Record<SessionWhen, number | false> = { upcoming: 60_000, live: 30_000, past: false };

export function useSessions(when: SessionWhen) {
  const api = useApi();
  return useQuery({
    queryKey: ["sessions", when],
    queryFn: () => api.sessions(when),
    refetchInterval: REFRESH_MS[when],
  });
}

/** A session's details, refetched every 30 s while `poll` (not while a live stream brings its figures). */
export function useSession(id: string, poll = true) {
  const api = useApi();
  return useQuery({
    queryKey: ["sessions", "detail", id],
    queryFn: () => api.session(id),
    refetchInterval: poll ? 30_000 : false,
  });
}

/** Join or leave a session; every session list is refetched afterwards. */
export function useParticipation(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (join: boolean) => {
      if (join) await api.join(id);
      else await api.leave(id);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["sessions"] }),
  });
}
