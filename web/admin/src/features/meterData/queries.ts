import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { DataSource, DeadLetterQuery, SourceListQuery, SourcePage } from "../../api/types";

export const meterDataKeys = {
  all: ["meter-data"] as const,
  sources: () => [...meterDataKeys.all, "sources"] as const,
  sourcePage: (query: SourceListQuery) => [...meterDataKeys.sources(), query] as const,
  deadLetters: (query: DeadLetterQuery) => [...meterDataKeys.all, "dead-letters", query] as const,
};

/** The most sources one page holds: the dead-letter filter offers them all by name. */
const SOURCE_OPTIONS: SourceListQuery = { sort: "name", page: 1, per_page: 100 };

/** A page of sources with their lag and today's counts, kept fresh while the screen is open. */
export function useSources(query: SourceListQuery) {
  return useQuery({
    queryKey: meterDataKeys.sourcePage(query),
    queryFn: () => adminApi.listSources(query),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** Sources by name, to choose one from (the first hundred). */
export function useSourceOptions() {
  return useQuery({
    queryKey: meterDataKeys.sourcePage(SOURCE_OPTIONS),
    queryFn: () => adminApi.listSources(SOURCE_OPTIONS),
    select: (page) => page.items,
  });
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
 * Revokes a source's key. The answer leaves today's counts out, so every page of the list keeps
 * its own counts, takes the new status and then reloads.
 */
export function useRevokeSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (source: DataSource) => adminApi.revokeSource(source.id),
    onSuccess: (revoked: DataSource) => {
      queryClient.setQueriesData<SourcePage>({ queryKey: meterDataKeys.sources() }, (old) =>
        old
          ? {
              ...old,
              items: old.items.map((source) =>
                source.id === revoked.id ? { ...source, revoked: revoked.revoked } : source,
              ),
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: meterDataKeys.sources() });
    },
  });
}
