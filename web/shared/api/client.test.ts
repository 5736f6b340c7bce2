import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { createApiClient, type Fetch, type Tokens, type TokenStore } from "./client";

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | null;
  accept: string | null;
}

type Handler = (call: Call) => Response | Promise<Response>;

function json(status: number, body?: unknown): Response {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": contentType } });
}

function problem(status: number, detail: string, errors?: { field: string; message: string }[]): Response {
  return json(status, { type: "urn:powersave:problem:test", title: "Problem", status, detail, errors });
}

/** A stand-in for the server: "METHOD /path" (below /api/v1) to handlers; every call recorded. */
function fakeServer(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetch: Fetch = async (input, init) => {
    const url = new URL(input, "http://localhost");
    const headers = new Headers(init.headers);
    const call: Call = {
      method: init.method ?? "GET",
      path: url.pathname.replace(/^\/api\/v1/, ""),
      query: url.searchParams,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      authorization: headers.get("authorization"),
      accept: headers.get("accept"),
    };
    calls.push(call);
    const handler = routes[`${call.method} ${call.path}`];
    return handler ? handler(call) : problem(404, `no fake route for ${call.method} ${call.path}`);
  };
  return { fetch, calls, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

/** Tokens kept in memory, recording what the client did with them. */
function memoryTokens(initial: Tokens | null): TokenStore & { cleared: number } {
  let current = initial;
  const store = {
    cleared: 0,
    get: () => current,
    set(tokens: Tokens) {
      current = tokens;
    },
    clear() {
      current = null;
      store.cleared += 1;
    },
  };
  return store;
}

function setup(routes: Record<string, Handler>) {
  const server = fakeServer(routes);
  const tokens = memoryTokens({ accessToken: "old-access", refreshToken: "old-refresh" });
  const client = createApiClient({ tokens, fetch: server.fetch });
  return { server, tokens, client };
}

const newPair = { access_token: "new-access", refresh_token: "new-refresh", token_type: "Bearer", expires_in: 900 };

/** A protected resource that accepts only the refreshed token. */
const onlyNewToken = (body: unknown) => (call: Call) =>
  call.authorization === "Bearer new-access" ? json(200, body) : problem(401, "invalid access token");

describe("the API client", () => {
  it("sends the access token to the API's base address and returns the JSON answer", async () => {
    const { server, client } = setup({ "GET /me": () => json(200, { id: "1" }) });
    await expect(client.request("/me")).resolves.toEqual({ id: "1" });
    expect(server.calls).toEqual([
      {
        method: "GET",
        path: "/me",
        query: new URLSearchParams(),
        body: undefined,
        authorization: "Bearer old-access",
        accept: "application/json, application/problem+json",
      },
    ]);
  });

  it("calls a server elsewhere when given its address", async () => {
    const urls: string[] = [];
    const client = createApiClient({
      tokens: memoryTokens(null),
      fetch: async (url) => {
        urls.push(url);
        return json(200, {});
      },
      baseUrl: "https://powersave.example/api/v1",
    });
    await client.request("/programme", { anonymous: true, query: { page: 1 } });
    expect(urls).toEqual(["https://powersave.example/api/v1/programme?page=1"]);
  });

  it("turns problem+json into an ApiError with its detail and field errors", async () => {
    const { client } = setup({
      "POST /admin/users/1/meters": () => problem(422, "meter_id: too long", [{ field: "meter_id", message: "too long" }]),
    });
    const error = await client.request("/admin/users/1/meters", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) return;
    expect(error.status).toBe(422);
    expect(error.message).toBe("meter_id: too long");
    expect(error.fieldError("meter_id")).toBe("too long");
    expect(error.fieldError("other")).toBeUndefined();
  });

  it("says what the status was when the error is not a problem document", async () => {
    const { client } = setup({ "GET /me": () => new Response("<html>Bad gateway</html>", { status: 502 }) });
    await expect(client.request("/me")).rejects.toMatchObject({ status: 502, problem: null, message: "The server answered 502." });
  });

  it("refreshes once for concurrent 401s and retries each request with the new token", async () => {
    let releaseRefresh = () => undefined as void;
    const refreshHeld = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    let refused = 0;
    /** Refuses the old token; the refresh answers once all three requests have been refused. */
    const protectedResource = (body: unknown) => (call: Call) => {
      if (call.authorization === "Bearer new-access") return json(200, body);
      refused += 1;
      if (refused === 3) releaseRefresh();
      return problem(401, "invalid access token");
    };
    const { server, client, tokens } = setup({
      "POST /auth/refresh": async () => {
        await refreshHeld;
        return json(200, newPair);
      },
      "GET /me": protectedResource({ id: "me" }),
      "GET /admin/overview": protectedResource({ households_registered: 1 }),
      "GET /admin/users": protectedResource({ items: [] }),
    });
    const answers = await Promise.all([client.request("/me"), client.request("/admin/overview"), client.request("/admin/users")]);
    expect(answers).toEqual([{ id: "me" }, { households_registered: 1 }, { items: [] }]);
    const refreshes = server.callsTo("POST", "/auth/refresh");
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.body).toEqual({ refresh_token: "old-refresh" });
    expect(refreshes[0]?.authorization).toBeNull();
    expect(tokens.get()).toEqual({ accessToken: "new-access", refreshToken: "new-refresh" });
  });

  it("does not refresh again when another request already did", async () => {
    const { server, client, tokens } = setup({
      "POST /auth/refresh": () => json(200, newPair),
      "GET /me": onlyNewToken({ id: "me" }),
    });
    // The request left with the old token, which another request replaced meanwhile.
    const pending = client.request("/me");
    tokens.set({ accessToken: "new-access", refreshToken: "new-refresh" });
    await expect(pending).resolves.toEqual({ id: "me" });
    expect(server.callsTo("POST", "/auth/refresh")).toHaveLength(0);
  });

  it("ends the sign-in when the refresh token is refused", async () => {
    const { server, client, tokens } = setup({
      "POST /auth/refresh": () => problem(401, "refresh token expired"),
      "GET /me": () => problem(401, "access token expired"),
    });
    await expect(client.request("/me")).rejects.toMatchObject({ name: "ApiError", status: 401 });
    expect(tokens.get()).toBeNull();
    expect(tokens.cleared).toBe(1);
    expect(server.callsTo("GET", "/me")).toHaveLength(1);
  });

  it("keeps the sign-in when the refresh fails for another reason", async () => {
    const { client, tokens } = setup({
      "POST /auth/refresh": () => problem(503, "try again later"),
      "GET /me": () => problem(401, "access token expired"),
    });
    await expect(client.request("/me")).rejects.toMatchObject({ status: 401 });
    expect(tokens.get()).toEqual({ accessToken: "old-access", refreshToken: "old-refresh" });
  });

  it("renews a saved refresh token on request (restoring a sign-in) and says whether the server took it", async () => {
    const server = fakeServer({
      "POST /auth/refresh": (call) =>
        (call.body as { refresh_token: string }).refresh_token === "saved" ? json(200, newPair) : problem(401, "unknown refresh token"),
    });
    const tokens = memoryTokens(null);
    const client = createApiClient({ tokens, fetch: server.fetch });
    await expect(client.renew("forgotten")).resolves.toBe(false);
    expect(tokens.cleared).toBe(1);
    await expect(client.renew("saved")).resolves.toBe(true);
    expect(tokens.get()).toEqual({ accessToken: "new-access", refreshToken: "new-refresh" });
  });

  it("never refreshes for anonymous calls such as signing in", async () => {
    const { server, client } = setup({ "POST /auth/login": () => problem(401, "invalid email or password") });
    await expect(client.request("/auth/login", { method: "POST", body: {}, anonymous: true })).rejects.toThrow(
      "invalid email or password",
    );
    expect(server.callsTo("POST", "/auth/refresh")).toHaveLength(0);
    expect(server.calls[0]?.authorization).toBeNull();
  });

  it("uses a given access token instead of the stored one, without refreshing it", async () => {
    const { server, client } = setup({ "GET /me": () => problem(401, "invalid access token") });
    await expect(client.request("/me", { accessToken: "candidate" })).rejects.toMatchObject({ status: 401 });
    expect(server.calls.map((call) => call.authorization)).toEqual(["Bearer candidate"]);
  });

  it("says so when the server cannot be reached", async () => {
    const client = createApiClient({
      tokens: memoryTokens(null),
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    await expect(client.request("/programme", { anonymous: true })).rejects.toMatchObject({
      status: 0,
      message: "The server could not be reached. Check your connection and try again.",
    });
  });

  it("passes an abort on as it is rather than as an unreachable server", async () => {
    const controller = new AbortController();
    controller.abort();
    const client = createApiClient({
      tokens: memoryTokens(null),
      fetch: () => Promise.reject(new DOMException("aborted", "AbortError")),
    });
    await expect(client.request("/programme", { anonymous: true, signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("leaves out empty query parameters", async () => {
    const { server, client } = setup({ "GET /admin/users": () => json(200, { items: [] }) });
    await client.request("/admin/users", { query: { q: "", role: undefined, page: 2 } });
    expect(server.calls[0]?.query.toString()).toBe("page=2");
  });

  it("hands over a response unread, asking for its media type, after refreshing the token", async () => {
    const { server, client } = setup({
      "POST /auth/refresh": () => json(200, newPair),
      "GET /admin/sessions/1/results.csv": (call) =>
        call.authorization === "Bearer new-access"
          ? new Response("user_id\n", { headers: { "content-type": "text/csv" } })
          : problem(401, "access token expired"),
    });
    const response = await client.open("/admin/sessions/1/results.csv", { accept: "text/csv" });
    await expect(response.text()).resolves.toBe("user_id\n");
    expect(server.callsTo("GET", "/admin/sessions/1/results.csv").map((call) => call.accept)).toEqual([
      "text/csv, application/problem+json",
      "text/csv, application/problem+json",
    ]);
  });

  it("opens streams through the streaming fetch when given one", async () => {
    const plain = fakeServer({});
    const streaming = fakeServer({ "GET /sessions/1/live": () => new Response("data: x\n\n", { status: 200 }) });
    const client = createApiClient({
      tokens: memoryTokens({ accessToken: "a", refreshToken: "r" }),
      fetch: plain.fetch,
      streamFetch: streaming.fetch,
    });
    await client.open("/sessions/1/live", { accept: "text/event-stream" });
    expect(plain.calls).toHaveLength(0);
    expect(streaming.calls.map((call) => `${call.method} ${call.path}`)).toEqual(["GET /sessions/1/live"]);
  });

  it("turns a refused response into an ApiError", async () => {
    const { client } = setup({ "GET /admin/sessions/1/live": () => problem(409, "the session is draft") });
    await expect(client.open("/admin/sessions/1/live")).rejects.toMatchObject({ status: 409, message: "the session is draft" });
  });
});
