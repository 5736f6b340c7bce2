// A server-sent event stream the test writes to, as the body of a fake API response.

export interface FakeEventStream {
  response: Response;
  /** Sends text as it would arrive on the wire, cut wherever the test likes. */
  send(text: string): void;
  /** Sends one `progress` event with `body` as its JSON data. */
  progress(body: unknown): void;
  /** The server ends the stream. */
  close(): void;
  /** Whether the dashboard stopped reading. */
  readonly cancelled: boolean;
}

export function fakeEventStream(): FakeEventStream {
  const encoder = new TextEncoder();
  let writer: ReadableStreamDefaultController<Uint8Array> | null = null;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      writer = controller;
    },
    cancel() {
      cancelled = true;
    },
  });
  const send = (text: string) => writer?.enqueue(encoder.encode(text));
  return {
    response: new Response(body, { headers: { "content-type": "text/event-stream" } }),
    send,
    progress: (value) => send(`event: progress\ndata: ${JSON.stringify(value)}\n\n`),
    close: () => writer?.close(),
    get cancelled() {
      return cancelled;
    },
  };
}
