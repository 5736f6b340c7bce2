import { useQuery } from "@tanstack/react-query";
import { authApi } from "../api/endpoints";

export const meQueryKey = ["me"] as const;

export function useMe(enabled: boolean) {
  return useQuery({ queryKey: meQueryKey, queryFn: () => authApi.me(), enabled, staleTime: 5 * 60_000 });
}
