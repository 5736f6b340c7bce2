// Server-Sent Events (text/event-stream) read from text that arrives in pieces cut anywhere:
// lines end in CRLF, LF or CR; a blank line ends an event; lines starting with ":" are comments
// (keep-alives); several `data` lines join with a line feed; an event without data is dropped.
// Shared by the dashboard and the consumer app, which follow the same live streams.

/** One complete event of the stream. */
export interface SseEvent {
  /** The `event` field, "message" when the server sent none. */
  event: string;
  data: string;
  /** The last `id` the stream set, "" before any. */
  id: string;
}

/** A parser fed the stream's text piece by piece. */
export interface SseParser {
  /** Feeds the next piece of the stream's text; complete events are handed on in order. */
  push(text: string): void;
}

/** A parser that hands each complete event to `onEvent`, in order. */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let pending = "";
  let afterCarriageReturn = false;
  let event = "";
  let data: string[] = [];
  let lastId = "";

  function dispatch() {
    if (data.length > 0) onEvent({ event: event || "message", data: data.join("\n"), id: lastId });
    event = "";
    data = [];
  }

  function line(text: string) {
    if (text === "") return dispatch();
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    const raw = colon === -1 ? "" : text.slice(colon + 1);
    const value = raw.startsWith(" ") ? raw.slice(1) : raw;
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id" && !value.includes("\0")) lastId = value;
  }

  return {
    push(text) {
      if (text === "") return;
      // A CR that ended the previous piece already ended its line: the LF after it is not a new one.
      pending += afterCarriageReturn && text.startsWith("\n") ? text.slice(1) : text;
      afterCarriageReturn = false;
      const breaks = /\r\n|\n|\r/g;
      let start = 0;
      for (let match = breaks.exec(pending); match; match = breaks.exec(pending)) {
        // A CR at the very end may be the first half of a CRLF still on its way.
        if (match[0] === "\r" && match.index === pending.length - 1) afterCarriageReturn = true;
        line(pending.slice(start, match.index));
        start = match.index + match[0].length;
      }
      pending = pending.slice(start);
    },
  };
}

/**
 * Reads a response body to its end (or until `signal` aborts), handing on each event: the
 * decoding and chunking every follower of a stream needs, whatever it does with the events.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", cancel, { once: true });
  const decoder = new TextDecoder();
  const parser = createSseParser(onEvent);
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parser.push(decoder.decode(chunk.value, { stream: true }));
    }
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
}
