// On phones the refresh token lives in the platform's secure storage (Keychain / Keystore).
import * as SecureStore from "expo-secure-store";
import type { RefreshTokenVault } from "./tokens";

const KEY = "powersave.refresh_token";

export const refreshTokenVault: RefreshTokenVault = {
  load: () => SecureStore.getItemAsync(KEY),
  save: (token) => SecureStore.setItemAsync(KEY, token),
  clear: () => SecureStore.deleteItemAsync(KEY),
};
