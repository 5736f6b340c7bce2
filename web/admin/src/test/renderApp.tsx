import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { createMemoryRouter, RouterProvider } from "react-router";
import type { User } from "../api/types";
import { AuthProvider } from "../auth/AuthProvider";
import { tokenStore } from "../auth/tokens";
import { i18n } from "../i18n/i18n";
import type { Language } from "../i18n/languages";
import { meQueryKey } from "../auth/useMe";
import { routes } from "../routes";

interface Options {
  /** Signed in as this staff member (tokens stored, /me answered from the cache). */
  as?: User;
  /** The language on screen before the account's applies; English unless told. */
  language?: Language;
}

/** Renders the whole dashboard at `path`, as the browser would after a reload. */
export function renderApp(path: string, { as, language = "en" }: Options = {}) {
  // The messages are bundled, so the switch is done when the call returns.
  void i18n.changeLanguage(language);
  if (i18n.language !== language) throw new Error(`the language did not switch to ${language}`);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  if (as) {
    tokenStore.set({ accessToken: "access-1", refreshToken: "refresh-1" });
    queryClient.setQueryData(meQueryKey, as);
  }
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...view, router, queryClient };
}
