// A small fetch wrapper for /api/v1: bearer tokens, problem+json errors, and one transparent
// token refresh shared by every request that meets a 401 at the same time (refresh tokens are
// single use; presenting one twice would end the sign-in).
import { tokenStore, type TokenStore } from "../auth/tokens";
import type { FieldError, Problem, TokenPair } from "./types";

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? `The server answered ${status}.`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** The message for one field, if the server rejected it. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Send no token and never refresh (sign-in, refresh, sign-out, public data). */
  anonymous?: boolean;
  /** Use this access token instead of the stored one (checking an account before keeping its tokens). */
  accessToken?: string;
  /** The media type wanted, when it is not JSON (an event stream, a CSV file). */
  accept?: string;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** The successful response itself, its body unread (event streams, files); failures as for `request`. */
  response(path: string, options?: RequestOptions): Promise<Response>;
}

interface ClientConfig {
  tokens: TokenStore;
  fetch: typeof fetch;
  baseUrl?: string;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "detail" in value;
}

export function createApiClient({ tokens, fetch, baseUrl = "/api/v1" }: ClientConfig): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  function url(path: string, query: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ""}`;
  }

  async function send(path: string, options: RequestOptions, accessToken: string | null) {
    const headers: Record<string, string> = {
      accept: `${options.accept ?? "application/json"}, application/problem+json`,
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    try {
      return await fetch(url(path, options.query), {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, null, "The server could not be reached. Check your connection and try again.");
    }
  }

  async function exchangeRefreshToken(): Promise<boolean> {
    const current = tokens.get();
    if (!current) return false;
    const response = await send(
      "/auth/refresh",
      { method: "POST", body: { refresh_token: current.refreshToken } },
      null,
    );
    if (!response.ok) {
      // Expired, revoked or already used: this sign-in is over.
      if (response.status === 401 || response.status === 403) tokens.clear();
      return false;
    }
    const pair = (await response.json()) as TokenPair;
    tokens.set({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
    return true;
  }

  /** One refresh at a time: callers that arrive while it runs share its outcome. */
  function refresh(): Promise<boolean> {
    refreshing ??= exchangeRefreshToken()
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
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

  /** Sends with the stored token, refreshing it once on a 401. */
  async function authorized(path: string, options: RequestOptions): Promise<Response> {
    if (options.anonymous || options.accessToken) {
      return send(path, options, options.accessToken ?? null);
    }
    const used = tokens.get()?.accessToken ?? null;
    let response = await send(path, options, used);
    if (response.status === 401 && used !== null) {
      // Another request may already have refreshed; otherwise refresh (once, shared).
      const renewed = tokens.get()?.accessToken !== used || (await refresh());
      const next = tokens.get()?.accessToken;
      if (renewed && next) {
        response = await send(path, options, next);
        if (response.status === 401) tokens.clear();
      }
    }
    return response;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return parse<T>(await authorized(path, options));
  }

  async function response(path: string, options: RequestOptions = {}): Promise<Response> {
    const answer = await authorized(path, options);
    if (!answer.ok) throw await failure(answer);
    return answer;
  }

  return { request, response };
}

export const api = createApiClient({
  tokens: tokenStore,
  fetch: (...args) => globalThis.fetch(...args),
});
