import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { FailedJob } from "../../api/types";
import { ACCURACY_HOUSEHOLDS } from "./accuracyPeriod";

export const systemKeys = {
  all: ["system"] as const,
  health: () => [...systemKeys.all, "health"] as const,
  accuracy: (days: number) => [...systemKeys.all, "accuracy", days] as const,
};

/** The health of the database, the queue and the MQTT feed, kept fresh while the screen is open. */
export function useSystemHealth() {
  return useQuery({ queryKey: systemKeys.health(), queryFn: adminApi.system, refetchInterval: 15_000 });
}

/** Puts a failed job back on the queue, then reloads the health that lists it. */
export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (job: FailedJob) => adminApi.retryFailedJob(job.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: systemKeys.health() }),
  });
}

/**
 * Every baseline method scored over the last `days` days, with the days it was scored over. It
 * takes seconds, so an answer is kept until someone asks again (`refetch`) or for other days;
 * meanwhile the last answer stays shown.
 */
export function useBaselineAccuracy(days: number) {
  return useQuery({
    queryKey: systemKeys.accuracy(days),
    queryFn: async () => ({
      days,
      methods: await adminApi.baselineAccuracy({ days, households: ACCURACY_HOUSEHOLDS }),
    }),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
