import { fakeServer, problem, tokens } from "../test/fakeServer";
import { createTokenStore } from "../auth/tokens";
import { memoryVault } from "../test/fakeServer";
import { createApiClient } from "./client";
import { ApiError } from "./errors";

function setUp(refreshStatus: number) {
  const server = fakeServer({
    "GET /me": ({ authorization }) =>
      authorization === "Bearer access-2" ? { status: 200, body: { ok: true } } : { status: 401, body: problem(401, "expired") },
    "POST /auth/refresh": () =>
      refreshStatus === 200 ? { status: 200, body: tokens(2) } : { status: refreshStatus, body: problem(refreshStatus, "refused") },
  });
  const vault = memoryVault();
  const store = createTokenStore(vault);
  store.set({ accessToken: "access-1", refreshToken: "refresh-1" });
  const client = createApiClient({ tokens: store, fetch: server.fetch, baseUrl: "/api/v1" });
  return { server, vault, store, client };
}

test("requests that meet an expired token share one refresh and are retried with the new token", async () => {
  const { server, vault, store, client } = setUp(200);
  await Promise.all([client.request("/me"), client.request("/me")]);
  expect(server.calls.filter((call) => call.path === "/auth/refresh")).toHaveLength(1);
  expect(store.get()).toEqual({ accessToken: "access-2", refreshToken: "refresh-2" });
  await Promise.resolve();
  expect(vault.value).toBe("refresh-2");
});

test("a refused refresh ends the sign-in and forgets the saved token", async () => {
  const { vault, store, client } = setUp(401);
  await expect(client.request("/me")).rejects.toBeInstanceOf(ApiError);
  expect(store.get()).toBeNull();
  await Promise.resolve();
  expect(vault.value).toBeNull();
});

test("a network failure becomes a readable error", async () => {
  const store = createTokenStore(memoryVault());
  const client = createApiClient({
    tokens: store,
    fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    baseUrl: "/api/v1",
  });
  await expect(client.request("/programme", { anonymous: true })).rejects.toMatchObject({
    status: 0,
    message: expect.stringContaining("could not be reached"),
  });
});
