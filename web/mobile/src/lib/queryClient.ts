import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@shared/api/errors";

/** Retry only what may succeed on a second try: network failures and server errors. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}
