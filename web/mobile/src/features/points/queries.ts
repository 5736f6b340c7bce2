import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useApi } from "../../auth/AuthProvider";

const PER_PAGE = 20;

/** The Green Points balance (with the newest entry, which the balance comes with). */
export function usePointsBalance() {
  const api = useApi();
  return useQuery({
    queryKey: ["points", "balance"],
    queryFn: () => api.points(1, 1),
    select: (page) => page.balance,
    refetchInterval: 300_000,
  });
}

/** The ledger, newest first, a page at a time. */
export function usePointsLedger() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["points", "ledger"],
    queryFn: ({ pageParam }) => api.points(pageParam, PER_PAGE),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.per_page < last.total ? last.page + 1 : undefined),
  });
}
