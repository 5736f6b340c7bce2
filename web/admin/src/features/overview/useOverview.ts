import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { PageQuery } from "../../api/types";
import type { ProgrammeRange } from "./programmeRange";

export const overviewQueryKey = ["overview"] as const;

export function useOverview() {
  return useQuery({ queryKey: overviewQueryKey, queryFn: adminApi.overview });
}

/** A page of the settled sessions' savings, latest start first. */
export function useOverviewSessions(query: PageQuery) {
  return useQuery({
    queryKey: [...overviewQueryKey, "sessions", query],
    queryFn: () => adminApi.overviewSessions(query),
    placeholderData: keepPreviousData,
  });
}

/** The whole programme's consumption over the chosen range. */
export function useProgrammeConsumption(range: ProgrammeRange) {
  return useQuery({
    queryKey: [...overviewQueryKey, "consumption", range],
    queryFn: () => adminApi.programmeConsumption({ resolution: range }),
    placeholderData: keepPreviousData,
  });
}
