import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { DataSource, DeadLetterQuery } from "../../api/types";

export const meterDataKeys = {
  all: ["meter-data"] as const,
  sources: () => [...meterDataKeys.all, "sources"] as const,
  deadLetters: (query: DeadLetterQuery) => [...meterDataKeys.all, "dead-letters", query] as const,
};

/** Sources with their lag and today's counts, kept fresh while the screen is open. */
export function useSources() {
  return useQuery({ queryKey: meterDataKeys.sources(), queryFn: adminApi.listSources, refetchInterval: 30_000 });
}

export function useDeadLetters(query: DeadLetterQuery) {
  return useQuery({
    queryKey: meterDataKeys.deadLetters(query),
    queryFn: () => adminApi.listDeadLetters(query),
    placeholderData: keepPreviousData,
  });
}

/** Creates a source; its API key stays in this mutation's answer only, never in the query cache. */
export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: adminApi.createSource,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meterDataKeys.sources() }),
  });
}

/**
 * Revokes a source's key. The answer leaves today's counts out, so the list keeps its own
 * counts, takes the new status and then reloads.
 */
export function useRevokeSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (source: DataSource) => adminApi.revokeSource(source.id),
    onSuccess: (revoked: DataSource) => {
      queryClient.setQueryData<DataSource[]>(meterDataKeys.sources(), (old) =>
        old?.map((source) => (source.id === revoked.id ? { ...source, revoked: revoked.revoked } : source)),
      );
      void queryClient.invalidateQueries({ queryKey: meterDataKeys.sources() });
    },
  });
}
