// On the web the refresh token lives in sessionStorage: it survives a reload of this tab and is
// gone when the tab closes. The access token is never written anywhere (see tokens.ts).
import type { RefreshTokenVault } from "./tokens";

const KEY = "powersave.refresh_token";

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export const refreshTokenVault: RefreshTokenVault = {
  async load() {
    return storage()?.getItem(KEY) ?? null;
  },
  async save(token) {
    storage()?.setItem(KEY, token);
  },
  async clear() {
    storage()?.removeItem(KEY);
  },
};
