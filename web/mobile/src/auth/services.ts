import { createApiClient, type ApiClient } from "../api/client";
import { endpoints, type Api } from "../api/endpoints";
import { createTokenStore, type RefreshTokenVault, type TokenStore } from "./tokens";

/** Everything that talks to the server, made once per app (and once per test). */
export interface Services {
  api: Api;
  client: ApiClient;
  tokens: TokenStore;
}

export function createServices(fetch: typeof globalThis.fetch, vault: RefreshTokenVault, baseUrl: string): Services {
  const tokens = createTokenStore(vault);
  const client = createApiClient({ tokens, fetch, baseUrl });
  return { api: endpoints(client), client, tokens };
}
