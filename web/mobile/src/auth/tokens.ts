// The signed-in household's tokens. The access token stays in memory; only the refresh token is
// kept, in a vault (secure storage on phones, sessionStorage on the web), to restore a sign-in.
import type { TokenStore as ClientTokens, Tokens } from "@shared/api/client";

export interface RefreshTokenVault {
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
}

/** The tokens the API client uses, plus what the app needs to restore and follow a sign-in. */
export interface TokenStore extends ClientTokens {
  /** The refresh token kept from an earlier sign-in, if any. */
  saved(): Promise<string | null>;
  subscribe(listener: () => void): () => void;
}

export function createTokenStore(vault: RefreshTokenVault): TokenStore {
  let current: Tokens | null = null;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  const quietly = (write: Promise<void>) => write.catch(() => undefined);
  return {
    get: () => current,
    set(tokens) {
      current = tokens;
      void quietly(vault.save(tokens.refreshToken));
      emit();
    },
    clear() {
      void quietly(vault.clear());
      if (current === null) return;
      current = null;
      emit();
    },
    saved: () => vault.load().catch(() => null),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
