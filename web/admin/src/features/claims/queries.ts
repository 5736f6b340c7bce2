import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { ClaimDecisionRequest, ClaimListQuery } from "../../api/types";
import { systemKeys } from "../system/queries";
import { userKeys } from "../users/queries";

export const claimKeys = {
  all: ["claims"] as const,
  list: (query: ClaimListQuery) => [...claimKeys.all, "list", query] as const,
};

export function useClaimList(query: ClaimListQuery) {
  return useQuery({
    queryKey: claimKeys.list(query),
    queryFn: () => adminApi.listClaims(query),
    placeholderData: keepPreviousData,
  });
}

/**
 * Approves or rejects a claim in review. Afterwards the claims reload, and so does everything a
 * decision changes elsewhere: the register card's count of claims in review and the households'
 * pages (an approval moves the meter from one household to the other).
 */
export function useDecideClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: ClaimDecisionRequest }) =>
      adminApi.decideClaim(id, decision),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: claimKeys.all });
      void queryClient.invalidateQueries({ queryKey: systemKeys.register() });
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}
