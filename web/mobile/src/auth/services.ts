import { createApiClient, type ApiClient, type Fetch } from "@shared/api/client";
import { endpoints, type Api } from "../api/endpoints";
import { createTokenStore, type RefreshTokenVault, type TokenStore } from "./tokens";

/** Everything that talks to the server, made once per app (and once per test). */
export interface Services {
  api: Api;
  client: ApiClient;
  tokens: TokenStore;
}

/** `streamFetch` sends the requests whose body is read as it arrives (the live stream); `fetch` unless told. */
export function createServices(fetch: Fetch, vault: RefreshTokenVault, baseUrl: string, streamFetch: Fetch = fetch): Services {
  const tokens = createTokenStore(vault);
  const client = createApiClient({ tokens, fetch, streamFetch, baseUrl });
  return { api: endpoints(client), client, tokens };
}
