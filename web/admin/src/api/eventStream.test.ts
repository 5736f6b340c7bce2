import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "@shared/api/client";
import { ApiError } from "@shared/api/errors";
import type { SseEvent } from "@shared/sse/parser";
import { fakeEventStream, type FakeEventStream } from "../test/eventStream";
import { followEventStream, reconnectDelay } from "./eventStream";

/** A client whose successive `open` calls answer with these streams or errors. */
function clientAnswering(answers: (FakeEventStream | Error)[]) {
  const open = vi.fn(async () => {
    const answer = answers.shift();
    if (!answer) return new Promise<Response>(() => undefined);
    if (answer instanceof Error) throw answer;
    return answer.response;
  });
  const client: ApiClient = { request: vi.fn(), open, renew: vi.fn() };
  return { client, open };
}

function handlers() {
  const events: SseEvent[] = [];
  return {
    events,
    onOpen: vi.fn(),
    onEvent: vi.fn((event: SseEvent) => events.push(event)),
    onRetry: vi.fn(),
    onFailure: vi.fn(),
  };
}

describe("following an event stream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits longer after each failed attempt, up to half a minute", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(reconnectDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("asks for an event stream and hands on its events", async () => {
    const stream = fakeEventStream();
    const { client, open } = clientAnswering([stream]);
    const on = handlers();
    const controller = new AbortController();
    void followEventStream("/admin/sessions/1/live", on, controller.signal, client);
    stream.send("event: progress\ndata: {}\n\n: keep-alive\n\nevent: progress\nda");
    stream.send("ta: [1]\n\n");
    await vi.waitFor(() => expect(on.events).toHaveLength(2));
    expect(on.events.map((event) => event.data)).toEqual(["{}", "[1]"]);
    expect(on.onOpen).toHaveBeenCalledOnce();
    expect(open).toHaveBeenCalledWith("/admin/sessions/1/live", {
      accept: "text/event-stream",
      signal: controller.signal,
    });
    controller.abort();
  });

  it("reconnects after a dropped connection or an unreachable server, waiting longer each time", async () => {
    const first = fakeEventStream();
    const second = fakeEventStream();
    const { client, open } = clientAnswering([first, new ApiError(0, null, "unreachable"), new ApiError(503, null), second]);
    const on = handlers();
    const controller = new AbortController();
    void followEventStream("/live", on, controller.signal, client);
    await vi.waitFor(() => expect(on.onOpen).toHaveBeenCalledOnce());
    // (vi.waitFor would move the fake clock on: from here the clock moves only when told.)
    first.close();
    await vi.advanceTimersByTimeAsync(999);
    expect(on.onRetry).toHaveBeenCalledOnce();
    expect(open).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(open).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(open).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toHaveBeenCalledTimes(4);
    expect(on.onOpen).toHaveBeenCalledTimes(2);
    second.progress({ saved_kwh: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(on.events).toHaveLength(1);
    expect(on.onFailure).not.toHaveBeenCalled();
    controller.abort();
  });

  it("gives up when the server refuses the stream for good", async () => {
    const refused = new ApiError(409, null, "the session is draft");
    const { client, open } = clientAnswering([refused]);
    const on = handlers();
    await followEventStream("/live", on, new AbortController().signal, client);
    expect(on.onFailure).toHaveBeenCalledWith(refused);
    expect(on.onRetry).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledOnce();
  });

  it("stops reading, and does not reconnect, once aborted", async () => {
    const stream = fakeEventStream();
    const { client, open } = clientAnswering([stream]);
    const on = handlers();
    const controller = new AbortController();
    const following = followEventStream("/live", on, controller.signal, client);
    await vi.waitFor(() => expect(on.onOpen).toHaveBeenCalledOnce());
    controller.abort();
    await following;
    expect(stream.cancelled).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(open).toHaveBeenCalledOnce();
    expect(on.onRetry).not.toHaveBeenCalled();
  });
});
