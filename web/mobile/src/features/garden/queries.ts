import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../auth/AuthProvider";

/** The household's level, garden, streak and badges: one answer for Home, Garden and Badges. */
export function useProgress() {
  const api = useApi();
  return useQuery({ queryKey: ["me", "progress"], queryFn: api.progress, refetchInterval: 300_000 });
}
