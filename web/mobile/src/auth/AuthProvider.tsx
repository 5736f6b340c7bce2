import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { Credentials, Registration } from "../api/types";
import type { Services } from "./services";

export type AuthStatus = "restoring" | "signedOut" | "signedIn";

interface Auth {
  status: AuthStatus;
  signIn(credentials: Credentials): Promise<void>;
  register(registration: Registration): Promise<void>;
  signOut(): Promise<void>;
}

const ServicesContext = createContext<Services | null>(null);
const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ services, children }: { services: Services; children: ReactNode }) {
  const { api, client, tokens } = services;
  const queryClient = useQueryClient();
  const [restoring, setRestoring] = useState(true);
  const signedIn = useSyncExternalStore(tokens.subscribe, () => tokens.get() !== null);

  useEffect(() => {
    let active = true;
    tokens
      .saved()
      .then((saved) => (saved ? client.renew(saved) : false))
      .catch(() => false)
      .finally(() => {
        if (active) setRestoring(false);
      });
    return () => {
      active = false;
    };
  }, [client, tokens]);

  useEffect(() => {
    if (!signedIn) queryClient.clear();
  }, [signedIn, queryClient]);

  const signIn = useCallback(
    async (credentials: Credentials) => {
      const pair = await api.login(credentials);
      tokens.set({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
    },
    [api, tokens],
  );

  const register = useCallback(
    async (registration: Registration) => {
      await api.register(registration);
      await signIn({ email: registration.email, password: registration.password });
    },
    [api, signIn],
  );

  const signOut = useCallback(async () => {
    const current = tokens.get();
    if (current) await api.logout(current.refreshToken).catch(() => undefined);
    tokens.clear();
  }, [api, tokens]);

  const status: AuthStatus = signedIn ? "signedIn" : restoring ? "restoring" : "signedOut";
  const auth = useMemo(() => ({ status, signIn, register, signOut }), [status, signIn, register, signOut]);

  return (
    <ServicesContext.Provider value={services}>
      <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
    </ServicesContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside AuthProvider");
  return services;
}

export function useApi() {
  return useServices().api;
}
