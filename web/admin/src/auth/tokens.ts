// Where the signed-in staff member's tokens live. sessionStorage keeps a sign-in across reloads
// of this tab and forgets it when the tab closes.
import type { TokenStore as ClientTokens, Tokens } from "@shared/api/client";

/** The tokens the API client uses, plus a way for the sign-in state to follow them. */
export interface TokenStore extends ClientTokens {
  subscribe(listener: () => void): () => void;
}

const STORAGE_KEY = "powersave.admin.tokens";

function load(storage: Storage): Tokens | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null");
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "accessToken" in parsed &&
      "refreshToken" in parsed &&
      typeof parsed.accessToken === "string" &&
      typeof parsed.refreshToken === "string"
    ) {
      return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
    }
  } catch {
    // Unreadable storage or JSON: treat as signed out.
  }
  return null;
}

export function createTokenStore(storage: Storage): TokenStore {
  let current = load(storage);
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  return {
    get: () => current,
    set(tokens) {
      current = tokens;
      storage.setItem(STORAGE_KEY, JSON.stringify(tokens));
      emit();
    },
    clear() {
      if (current === null) return;
      current = null;
      storage.removeItem(STORAGE_KEY);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const tokenStore = createTokenStore(window.sessionStorage);
