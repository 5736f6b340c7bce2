// A small fetch wrapper for /api/v1, shared by the dashboard and the consumer app: bearer tokens,
// problem+json errors, and one transparent token refresh shared by every request that meets a
// 401 at the same time (refresh tokens are single use; presenting one twice would end the
// sign-in). Where the tokens live is each app's own business: it hands in a `TokenStore`.
import { ApiError, isProblem } from "./errors";
import type { components } from "./schema";

type TokenResponse = components["schemas"]["TokenResponse"];

/** The signed-in account's token pair. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Where an app keeps its tokens (sessionStorage on the dashboard, secure storage on phones); the
 * client reads the access token, keeps a refreshed pair and clears a sign-in the server ended.
 */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens): void;
  clear(): void;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** How one request is sent. */
export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Send no token and never refresh (sign-in, register, refresh, sign-out, public data). */
  anonymous?: boolean;
  /** Use this access token instead of the stored one (checking an account before keeping its tokens). */
  accessToken?: string;
  /** The media type wanted, when it is not JSON (an event stream, a CSV file); problem+json is always accepted. */
  accept?: string;
  signal?: AbortSignal;
}

/** What the apps call the server through. */
export interface ApiClient {
  /** A request whose JSON answer is returned; failures throw ApiError. */
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A request whose successful response is handed over unread (an event stream, a file); failures throw ApiError. */
  open(path: string, options?: RequestOptions): Promise<Response>;
  /** Trade a refresh token for a new pair and keep it; false when the server refuses it. */
  renew(refreshToken: string): Promise<boolean>;
}

/** The part of `fetch` the client uses, so a platform's own streaming fetch fits as well. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What an app hands in to make its client. */
export interface ClientConfig {
  tokens: TokenStore;
  fetch: Fetch;
  /**
   * Sends `open`'s requests, whose body is read as it arrives; `fetch` unless told. React Native's
   * own fetch hands a body over only once it has all arrived, so phones pass one that streams.
   */
  streamFetch?: Fetch;
  /** Where the API is; the app's own origin unless told (a phone talks to a server elsewhere). */
  baseUrl?: string;
}

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

/** Makes a client; each app makes one (and each test its own). */
export function createApiClient({ tokens, fetch, streamFetch = fetch, baseUrl = "/api/v1" }: ClientConfig): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  function url(path: string, query: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ""}`;
  }

  async function send(path: string, options: RequestOptions, accessToken: string | null, via: Fetch) {
    const headers: Record<string, string> = {
      accept: `${options.accept ?? "application/json"}, application/problem+json`,
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    try {
      return await via(url(path, options.query), {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, null, UNREACHABLE);
    }
  }

  async function readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  async function failure(response: Response): Promise<ApiError> {
    const body = await readJson(response);
    return new ApiError(response.status, isProblem(body) ? body : null);
  }

  async function parse<T>(response: Response): Promise<T> {
    if (!response.ok) throw await failure(response);
    return (await readJson(response)) as T;
  }

  async function renew(refreshToken: string): Promise<boolean> {
    const response = await send("/auth/refresh", { method: "POST", body: { refresh_token: refreshToken } }, null, fetch);
    if (!response.ok) {
      // Expired, revoked or already used: this sign-in is over.
      if (response.status === 401 || response.status === 403) tokens.clear();
      return false;
    }
    const pair = await parse<TokenResponse>(response);
    tokens.set({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
    return true;
  }

  /** One refresh at a time: callers that arrive while it runs share its outcome. */
  function refresh(): Promise<boolean> {
    const current = tokens.get();
    if (!current) return Promise.resolve(false);
    refreshing ??= renew(current.refreshToken)
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  /** Sends with the stored access token; a 401 refreshes once (shared) and is retried. */
  async function authorized(path: string, options: RequestOptions, via: Fetch): Promise<Response> {
    if (options.anonymous || options.accessToken) return send(path, options, options.accessToken ?? null, via);
    const used = tokens.get()?.accessToken ?? null;
    let response = await send(path, options, used, via);
    if (response.status === 401 && used !== null) {
      // Another request may already have refreshed; otherwise refresh (once, shared).
      const renewed = tokens.get()?.accessToken !== used || (await refresh());
      const next = tokens.get()?.accessToken;
      if (renewed && next) {
        response = await send(path, options, next, via);
        if (response.status === 401) tokens.clear();
      }
    }
    return response;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return parse<T>(await authorized(path, options, fetch));
  }

  async function open(path: string, options: RequestOptions = {}): Promise<Response> {
    const response = await authorized(path, options, streamFetch);
    if (!response.ok) throw await failure(response);
    return response;
  }

  return { request, open, renew };
}
