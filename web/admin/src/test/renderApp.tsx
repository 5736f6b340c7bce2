import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import type { User } from "../api/types";
import { AuthProvider } from "../auth/AuthProvider";
import { tokenStore } from "../auth/tokens";
import { meQueryKey } from "../auth/useMe";
import { routes } from "../routes";

interface Options {
  /** Signed in as this staff member (tokens stored, /me answered from the cache). */
  as?: User;
}

/** Renders the whole dashboard at `path`, as the browser would after a reload. */
export function renderApp(path: string, { as }: Options = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  if (as) {
    tokenStore.set({ accessToken: "access-1", refreshToken: "refresh-1" });
    queryClient.setQueryData(meQueryKey, as);
  }
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}
