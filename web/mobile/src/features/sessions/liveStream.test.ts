import { ApiError } from "@shared/api/errors";
import type { LiveProgress } from "../../api/types";
import { createApiClient } from "@shared/api/client";
import { createTokenStore } from "../../auth/tokens";
import { eventStream } from "../../test/eventStream";
import { fakeServer, memoryVault, problem, tokens } from "../../test/fakeServer";
import { backoff, followLive, type LiveStatus } from "./liveStream";

const progress = (saved_kwh: number): LiveProgress => ({ state: "live", participants: 1, saved_kwh, periods: [] });
const event = (saved: number) => `event: progress\ndata: ${JSON.stringify(progress(saved))}\n\n`;

function sse(...texts: string[]): Response {
  const body = eventStream();
  texts.forEach(body.send);
  body.close();
  return new Response(body.stream, { status: 200 });
}

function recorder() {
  const statuses: LiveStatus[] = [];
  const saved: number[] = [];
  return {
    statuses,
    saved,
    handlers: { onStatus: (status: LiveStatus) => statuses.push(status), onProgress: (p: LiveProgress) => saved.push(p.saved_kwh) },
  };
}

test("the wait between attempts doubles up to 30 s", () => {
  expect([0, 1, 2, 5, 10].map(backoff)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
});

test("a dropped or failing connection is opened again with backoff until the screen goes", async () => {
  const controller = new AbortController();
  const replies: (() => Promise<Response>)[] = [
    () => Promise.reject(new ApiError(0, null)),
    () => Promise.reject(new ApiError(503, null)),
    async () => sse(": keep-alive\n\n", event(0.25)),
    async () => {
      controller.abort();
      throw new DOMException("aborted", "AbortError");
    },
  ];
  const delays: number[] = [];
  const { statuses, saved, handlers } = recorder();
  await followLive(() => replies.shift()!(), controller.signal, handlers, (attempt) => {
    delays.push(attempt);
    return 0;
  });
  expect(saved).toEqual([0.25]);
  // Two failures back off further each time; after events arrived the next wait starts over.
  expect(delays).toEqual([0, 1, 0]);
  expect(statuses).toEqual(["connecting", "reconnecting", "reconnecting", "live", "reconnecting"]);
  expect(replies).toHaveLength(0);
});

test("a 409 (not joined, not started) gives up at once", async () => {
  const { statuses, handlers } = recorder();
  let opened = 0;
  await followLive(
    () => {
      opened += 1;
      return Promise.reject(new ApiError(409, problem(409, "you did not join this session")));
    },
    new AbortController().signal,
    handlers,
  );
  expect(opened).toBe(1);
  expect(statuses).toEqual(["connecting", "unavailable"]);
});

test("the stream meets an expired token: the client refreshes once and opens it again with the new one", async () => {
  const server = fakeServer({
    "GET /sessions/{id}/live": ({ authorization }) =>
      authorization === "Bearer access-2" ? { status: 200, stream: sse(event(1.5)).body! } : { status: 401, body: problem(401, "expired") },
    "POST /auth/refresh": () => ({ status: 200, body: tokens(2) }),
  });
  const store = createTokenStore(memoryVault());
  store.set({ accessToken: "access-1", refreshToken: "refresh-1" });
  const client = createApiClient({ tokens: store, fetch: server.fetch, baseUrl: "/api/v1" });
  const controller = new AbortController();
  const { saved, handlers } = recorder();
  await followLive(
    (signal) => client.open("/sessions/s-1/live", { accept: "text/event-stream", signal }),
    controller.signal,
    {
      ...handlers,
      onProgress: (p) => {
        handlers.onProgress(p);
        controller.abort();
      },
    },
    () => 0,
  );
  expect(saved).toEqual([1.5]);
  expect(server.calls.map((call) => `${call.path} ${call.authorization ?? ""}`)).toEqual([
    "/sessions/s-1/live Bearer access-1",
    "/auth/refresh ",
    "/sessions/s-1/live Bearer access-2",
  ]);
});
