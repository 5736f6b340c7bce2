import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type {
  ConsumptionQuery,
  Household,
  JoinedSessionQuery,
  LedgerQuery,
  LinkMeterRequest,
  Role,
  User,
  UserDetail,
  UserListQuery,
} from "../../api/types";
import { overviewQueryKey } from "../overview/useOverview";
import { sessionKeys } from "../sessions/queries";

export const userKeys = {
  all: ["users"] as const,
  lists: () => [...userKeys.all, "list"] as const,
  list: (query: UserListQuery) => [...userKeys.lists(), query] as const,
  detail: (id: string) => [...userKeys.all, "detail", id] as const,
  consumption: (id: string, query: ConsumptionQuery) => [...userKeys.detail(id), "consumption", query] as const,
  allSessions: (id: string) => [...userKeys.detail(id), "sessions"] as const,
  sessions: (id: string, query: JoinedSessionQuery) => [...userKeys.allSessions(id), query] as const,
  allPoints: (id: string) => [...userKeys.detail(id), "points"] as const,
  points: (id: string, query: LedgerQuery) => [...userKeys.allPoints(id), query] as const,
  meterLinks: (id: string) => [...userKeys.detail(id), "meter-links"] as const,
};

export function useUserList(query: UserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: () => adminApi.listUsers(query),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: userKeys.detail(id), queryFn: () => adminApi.getUser(id) });
}

/** A household's consumption; not asked for while `enabled` is false (no meters to read). */
export function useUserConsumption(id: string, query: ConsumptionQuery, enabled: boolean) {
  return useQuery({
    queryKey: userKeys.consumption(id, query),
    queryFn: () => adminApi.userConsumption(id, query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUserSessions(id: string, query: JoinedSessionQuery) {
  return useQuery({
    queryKey: userKeys.sessions(id, query),
    queryFn: () => adminApi.userSessions(id, query),
    placeholderData: keepPreviousData,
  });
}

export function useUserPoints(id: string, query: LedgerQuery) {
  return useQuery({
    queryKey: userKeys.points(id, query),
    queryFn: () => adminApi.userPoints(id, query),
    placeholderData: keepPreviousData,
  });
}

/** Every period the household held a meter, newest first as the server lists them. */
export function useMeterLinks(id: string) {
  return useQuery({ queryKey: userKeys.meterLinks(id), queryFn: () => adminApi.userMeterLinks(id) });
}

/** After a change: put the answer into the user's page and let lists and counts reload. */
function useApplyChange(id: string) {
  const queryClient = useQueryClient();
  return (change: Partial<UserDetail>) => {
    queryClient.setQueryData<UserDetail>(userKeys.detail(id), (old) => (old ? { ...old, ...change } : old));
    void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: userKeys.meterLinks(id) });
    void queryClient.invalidateQueries({ queryKey: overviewQueryKey });
  };
}

export function useSetDisabled(id: string) {
  const apply = useApplyChange(id);
  return useMutation({
    mutationFn: (disabled: boolean) => (disabled ? adminApi.disableUser(id) : adminApi.enableUser(id)),
    onSuccess: (user: User) => apply({ user }),
  });
}

export function useChangeRole(id: string) {
  const apply = useApplyChange(id);
  return useMutation({
    mutationFn: (role: Role) => adminApi.changeRole(id, { role }),
    onSuccess: (user: User) => apply({ user }),
  });
}

export function useLinkMeter(id: string) {
  const apply = useApplyChange(id);
  return useMutation({
    mutationFn: (meter: LinkMeterRequest) => adminApi.linkMeter(id, meter),
    onSuccess: (household: Household) => apply({ household }),
  });
}

export function useUnlinkMeter(id: string) {
  const apply = useApplyChange(id);
  return useMutation({
    mutationFn: (meterId: string) => adminApi.unlinkMeter(id, meterId),
    onSuccess: (household: Household) => apply({ household }),
  });
}

/**
 * Recompute one household's result of an ended session. Every page of its joined sessions and
 * ledger reloads, whichever is shown, and so do the session's results and the overview's totals,
 * which count this household's saving and points too.
 */
export function useRecomputeResult(userId: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => adminApi.recomputeResult(sessionId, userId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.allSessions(userId) });
      void queryClient.invalidateQueries({ queryKey: userKeys.allPoints(userId) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.results(sessionId) });
      void queryClient.invalidateQueries({ queryKey: overviewQueryKey });
    },
  });
}
