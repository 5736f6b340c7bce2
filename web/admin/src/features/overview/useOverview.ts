import { useQuery } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";

export const overviewQueryKey = ["overview"] as const;

export function useOverview() {
  return useQuery({ queryKey: overviewQueryKey, queryFn: adminApi.overview });
}

export function useOverviewSessions() {
  return useQuery({ queryKey: [...overviewQueryKey, "sessions"], queryFn: adminApi.overviewSessions });
}
