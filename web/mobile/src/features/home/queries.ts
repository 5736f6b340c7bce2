import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../auth/AuthProvider";
import { addDays, localDate } from "../../lib/format";
import { USUAL_DAYS, usualSoFar } from "./usualDay";

/**
 * Today and the days before it by the hour, compared as "today so far against a usual day".
 * It waits for the household's time zone: the dates sent are the household's local days.
 */
export function useUsualDay(timeZone: string | undefined) {
  const api = useApi();
  const today = timeZone === undefined ? "" : localDate(new Date(), timeZone);
  const from = today === "" ? "" : addDays(today, -USUAL_DAYS);
  const to = today === "" ? "" : addDays(today, 1);
  return useQuery({
    queryKey: ["consumption", from, to, "1h"],
    queryFn: () => api.consumption({ from, to, resolution: "1h" }),
    enabled: today !== "",
    refetchInterval: 300_000,
    select: (series) => usualSoFar(series.buckets, today),
  });
}
