import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { Session, SessionListQuery, SessionPlan } from "../../api/types";
import { saveFile } from "@shared/api/download";

export const sessionKeys = {
  all: ["sessions"] as const,
  lists: () => [...sessionKeys.all, "list"] as const,
  list: (query: SessionListQuery) => [...sessionKeys.lists(), query] as const,
  detail: (id: string) => [...sessionKeys.all, "detail", id] as const,
  results: (id: string) => [...sessionKeys.detail(id), "results"] as const,
};

export function useSessionList(query: SessionListQuery) {
  return useQuery({
    queryKey: sessionKeys.list(query),
    queryFn: () => adminApi.listSessions(query),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string) {
  return useQuery({ queryKey: sessionKeys.detail(id), queryFn: () => adminApi.getSession(id) });
}

export function useSessionResults(id: string) {
  return useQuery({ queryKey: sessionKeys.results(id), queryFn: () => adminApi.sessionResults(id) });
}

export function useDownloadResultsCsv(id: string) {
  return useMutation({
    mutationFn: () => adminApi.sessionResultsCsv(id),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}

/** After a change: put the answer into the session's page and let the lists reload. */
function useApplyChange() {
  const queryClient = useQueryClient();
  return (session: Session) => {
    queryClient.setQueryData(sessionKeys.detail(session.id), session);
    void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
  };
}

export function useCreateSession() {
  const apply = useApplyChange();
  return useMutation({ mutationFn: adminApi.createSession, onSuccess: apply });
}

export function useUpdateSession(id: string) {
  const apply = useApplyChange();
  return useMutation({ mutationFn: (plan: SessionPlan) => adminApi.updateSession(id, plan), onSuccess: apply });
}

export function useAnnounceSession(id: string) {
  const apply = useApplyChange();
  return useMutation({ mutationFn: () => adminApi.announceSession(id), onSuccess: apply });
}

export function useCancelSession(id: string) {
  const apply = useApplyChange();
  return useMutation({ mutationFn: () => adminApi.cancelSession(id), onSuccess: apply });
}
