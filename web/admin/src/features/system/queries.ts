import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "../../api/endpoints";
import type { FailedJob, PageQuery } from "../../api/types";
import { ACCURACY_HOUSEHOLDS } from "./accuracyPeriod";

export const systemKeys = {
  all: ["system"] as const,
  health: () => [...systemKeys.all, "health"] as const,
  /** Under the health, so Refresh and a retry reload the list with it. */
  failedJobs: (query: PageQuery) => [...systemKeys.health(), "failed-jobs", query] as const,
  /** Under the health too: Refresh reloads it, and a claim decided elsewhere marks it stale. */
  register: () => [...systemKeys.health(), "customer-register"] as const,
  accuracy: (days: number) => [...systemKeys.all, "accuracy", days] as const,
};

/** The health of the database, the queue and the MQTT feed, kept fresh while the screen is open. */
export function useSystemHealth() {
  return useQuery({ queryKey: systemKeys.health(), queryFn: adminApi.system, refetchInterval: 15_000 });
}

/** How fresh the customer register is, and how many claims it left for staff. */
export function useCustomerRegister() {
  return useQuery({ queryKey: systemKeys.register(), queryFn: adminApi.customerRegister });
}

/** A page of the failed jobs, the most recently failed first; not asked for without a queue. */
export function useFailedJobs(query: PageQuery, enabled: boolean) {
  return useQuery({
    queryKey: systemKeys.failedJobs(query),
    queryFn: () => adminApi.failedJobs(query),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    enabled,
  });
}

/** Puts a failed job back on the queue, then reloads the health and the failed jobs. */
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
