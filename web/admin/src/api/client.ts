// The dashboard's one API client (web/shared/api/client.ts), keeping its tokens in this tab's
// sessionStorage.
import { createApiClient } from "@shared/api/client";
import { tokenStore } from "../auth/tokens";

/** Every call the dashboard makes goes through this client. */
export const api = createApiClient({
  tokens: tokenStore,
  fetch: (...args) => globalThis.fetch(...args),
});
