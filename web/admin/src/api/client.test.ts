import { describe, expect, it } from "vitest";
import { createTokenStore } from "../auth/tokens";
import { fakeApi, json, problem } from "../test/fakeApi";
import { ApiError, createApiClient } from "./client";

function setup(routes: Parameters<typeof fakeApi>[0]) {
  const server = fakeApi(routes);
  const tokens = createTokenStore(sessionStorage);
  tokens.set({ accessToken: "old-access", refreshToken: "old-refresh" });
  const client = createApiClient({ tokens, fetch: (...args) => globalThis.fetch(...args) });
  return { server, tokens, client };
}

const newPair = { access_token: "new-access", refresh_token: "new-refresh", token_type: "Bearer", expires_in: 900 };

/** A protected resource that accepts only the refreshed token. */
const onlyNewToken = (body: unknown) => (call: { authorization: string | null }) =>
  call.authorization === "Bearer new-access" ? json(200, body) : problem(401, "invalid access token");

describe("the API client", () => {
  it("sends the access token and returns the JSON answer", async () => {
    const { server, client } = setup({ "GET /me": () => ({ body: { id: "1" } }) });
    await expect(client.request("/me")).resolves.toEqual({ id: "1" });
    expect(server.calls[0]?.authorization).toBe("Bearer old-access");
  });

  it("turns problem+json into an ApiError with its detail and field errors", async () => {
    const { client } = setup({
      "POST /admin/users/1/meters": () =>
        problem(422, "meter_id: too long", [{ field: "meter_id", message: "too long" }]),
    });
    const error = await client.request("/admin/users/1/meters", { method: "POST", body: {} }).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) return;
    expect(error.status).toBe(422);
    expect(error.message).toBe("meter_id: too long");
    expect(error.fieldError("meter_id")).toBe("too long");
  });

  it("refreshes once for concurrent 401s and retries each request with the new token", async () => {
    const { server, client, tokens } = setup({
      "POST /auth/refresh": async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { body: newPair };
      },
      "GET /me": onlyNewToken({ id: "me" }),
      "GET /admin/overview": onlyNewToken({ households_registered: 1 }),
      "GET /admin/users": onlyNewToken({ items: [] }),
    });
    const answers = await Promise.all([
      client.request("/me"),
      client.request("/admin/overview"),
      client.request("/admin/users"),
    ]);
    expect(answers).toEqual([{ id: "me" }, { households_registered: 1 }, { items: [] }]);
    const refreshes = server.callsTo("POST", "/auth/refresh");
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.body).toEqual({ refresh_token: "old-refresh" });
    expect(tokens.get()).toEqual({ accessToken: "new-access", refreshToken: "new-refresh" });
  });

  it("does not refresh again when another request already did", async () => {
    const { server, client, tokens } = setup({
      "POST /auth/refresh": () => ({ body: newPair }),
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
    expect(server.callsTo("GET", "/me")).toHaveLength(1);
  });

  it("never refreshes for anonymous calls such as signing in", async () => {
    const { server, client } = setup({
      "POST /auth/login": () => problem(401, "invalid email or password"),
    });
    await expect(
      client.request("/auth/login", { method: "POST", body: {}, anonymous: true }),
    ).rejects.toThrow("invalid email or password");
    expect(server.callsTo("POST", "/auth/refresh")).toHaveLength(0);
    expect(server.calls[0]?.authorization).toBeNull();
  });

  it("says so when the server cannot be reached", async () => {
    const { client } = setup({
      "GET /me": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(client.request("/me")).rejects.toMatchObject({ status: 0, message: /could not be reached/ });
  });

  it("leaves out empty query parameters", async () => {
    const { server, client } = setup({ "GET /admin/users": () => ({ body: { items: [] } }) });
    await client.request("/admin/users", { query: { q: "", role: undefined, page: 2 } });
    expect(server.calls[0]?.query.toString()).toBe("page=2");
  });

  it("hands over a response unread, asking for its media type, after refreshing the token", async () => {
    const { server, client } = setup({
      "POST /auth/refresh": () => ({ body: newPair }),
      "GET /admin/sessions/1/results.csv": (call) =>
        call.authorization === "Bearer new-access"
          ? new Response("user_id\n", { headers: { "content-type": "text/csv" } })
          : problem(401, "access token expired"),
    });
    const response = await client.response("/admin/sessions/1/results.csv", { accept: "text/csv" });
    await expect(response.text()).resolves.toBe("user_id\n");
    expect(server.calls.map((call) => call.accept)).toContain("text/csv, application/problem+json");
  });

  it("turns a refused response into an ApiError", async () => {
    const { client } = setup({ "GET /admin/sessions/1/live": () => problem(409, "the session is draft") });
    await expect(client.response("/admin/sessions/1/live")).rejects.toMatchObject({
      status: 409,
      message: "the session is draft",
    });
  });
});
