import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { authApi } from "../api/endpoints";
import { isStaff } from "../api/types";
import { changeLanguage } from "../i18n/i18n";
import { TranslatedError } from "../i18n/problems";
import { tokenStore } from "./tokens";
import { meQueryKey } from "./useMe";

/** Thrown when a valid sign-in belongs to a household account. */
export class NotStaffError extends TranslatedError {
  constructor() {
    super("auth:notStaff");
    this.name = "NotStaffError";
  }
}

interface AuthContextValue {
  signedIn: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const signedIn = useSyncExternalStore(tokenStore.subscribe, () => tokenStore.get() !== null);

  // Whatever ends a sign-in (sign-out, a refused refresh) forgets the data it could see.
  useEffect(() => {
    if (!signedIn) queryClient.clear();
  }, [signedIn, queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const pair = await authApi.login({ email, password });
      const me = await authApi.me(pair.access_token);
      if (!isStaff(me)) {
        await authApi.logout(pair.refresh_token).catch(() => undefined);
        throw new NotStaffError();
      }
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
      // The account's language wins over the one chosen on the sign-in page.
      await changeLanguage(me.language);
      tokenStore.set({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const tokens = tokenStore.get();
    tokenStore.clear();
    if (tokens) await authApi.logout(tokens.refreshToken).catch(() => undefined);
  }, []);

  const value = useMemo(() => ({ signedIn, signIn, signOut }), [signedIn, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth needs an <AuthProvider>");
  return value;
}
