// A small fetch wrapper for /api/v1: bearer tokens, problem+json errors, and one transparent
// token refresh shared by every request that meets a 401 at the same time (refresh tokens are
// single use; presenting one twice would end the sign-in).
import type { TokenStore } from "../auth/tokens";
import { ApiError, isProblem } from "./errors";
import type { TokenResponse } from "./types";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Send no token and never refresh (sign-in, register, refresh, sign-out, public data). */
  anonymous?: boolean;
  /** The media types wanted; JSON or problem+json unless told. */
  accept?: string;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A signed-in request whose successful response is handed over unread (e.g. a stream); failures throw ApiError. */
  open(path: string, options?: RequestOptions): Promise<Response>;
  /** Trade a refresh token for a new pair and keep it; false when the server refuses it. */
  renew(refreshToken: string): Promise<boolean>;
}

/** The part of `fetch` the client uses, so a platform's own streaming fetch fits as well. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

interface ClientConfig {
  tokens: TokenStore;
  fetch: Fetch;
  /**
   * Sends `open`'s requests, whose body is read as it arrives; `fetch` unless told. React Native's
   * own fetch hands a body over only once it has all arrived, so phones pass one that streams.
   */
  streamFetch?: Fetch;
  baseUrl: string;
}

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

export function createApiClient({ tokens, fetch, streamFetch = fetch, baseUrl }: ClientConfig): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  function url(path: string, query: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ""}`;
  }

  async function send(path: string, options: RequestOptions, accessToken: string | null, via: Fetch = fetch) {
    const headers: Record<string, string> = { accept: options.accept ?? "application/json, application/problem+json" };
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

  async function parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (response.ok) return body as T;
    throw new ApiError(response.status, isProblem(body) ? body : null);
  }

  async function renew(refreshToken: string): Promise<boolean> {
    const response = await send(
      "/auth/refresh",
      { method: "POST", body: { refresh_token: refreshToken } },
      null,
    );
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

  /** Sends with the access token; a 401 refreshes once (shared) and is retried. */
  async function authorized(path: string, options: RequestOptions, via: Fetch = fetch): Promise<Response> {
    if (options.anonymous) return send(path, options, null, via);
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
    return parse<T>(await authorized(path, options));
  }

  async function open(path: string, options: RequestOptions = {}): Promise<Response> {
    const response = await authorized(path, options, streamFetch);
    if (!response.ok) await parse<never>(response);
    return response;
  }

  return { request, open, renew };
}
