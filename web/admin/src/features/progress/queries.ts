import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import { overviewQueryKey } from "../overview/useOverview";
import { userKeys } from "../users/queries";

export const progressKeys = {
  programme: ["progress", "programme"] as const,
  /** Under the user's page, so whatever reloads the page reloads its progress too. */
  household: (userId: string) => [...userKeys.detail(userId), "progress"] as const,
};

export function useHouseholdProgress(userId: string) {
  return useQuery({ queryKey: progressKeys.household(userId), queryFn: () => adminApi.userProgress(userId) });
}

export function useProgrammeProgress() {
  return useQuery({ queryKey: progressKeys.programme, queryFn: adminApi.programmeProgress });
}

/**
 * Queue the rebuild of one household's progress. Its progress and ledger (a badge found due is
 * paid) reload, and so do the programme's progress and the overview's points.
 */
export function useRebuildProgress(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => adminApi.rebuildProgress(userId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: progressKeys.household(userId) });
      void queryClient.invalidateQueries({ queryKey: userKeys.allPoints(userId) });
      void queryClient.invalidateQueries({ queryKey: progressKeys.programme });
      void queryClient.invalidateQueries({ queryKey: overviewQueryKey });
    },
  });
}
