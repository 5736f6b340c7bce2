import { describe, expect, it } from "vitest";
import { createSseParser, readEventStream, type SseEvent } from "./parser";

function parse(pieces: readonly string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const piece of pieces) parser.push(piece);
  return events;
}

/** Every way of cutting `text` in two. */
function cutsOf(text: string): [string, string][] {
  return Array.from({ length: text.length + 1 }, (_, at) => [text.slice(0, at), text.slice(at)]);
}

const stream = 'event: progress\ndata: {"saved_kwh":1.5}\n\n: keep-alive\n\nevent: progress\ndata: {"saved_kwh":2}\n\n';
const expected: SseEvent[] = [
  { event: "progress", data: '{"saved_kwh":1.5}', id: "" },
  { event: "progress", data: '{"saved_kwh":2}', id: "" },
];

describe("reading an event stream", () => {
  it("hands on several events from one piece", () => {
    expect(parse([stream])).toEqual(expected);
  });

  it("gives the same events wherever the pieces are cut", () => {
    for (const cut of cutsOf(stream)) expect(parse(cut)).toEqual(expected);
  });

  it("gives the same events one character at a time", () => {
    expect(parse([...stream])).toEqual(expected);
  });

  it("skips comments and keep-alives, and events that carry no data", () => {
    expect(parse([":\n\n: ping\n\nevent: progress\n\nevent: progress\ndata: x\n\n"])).toEqual([
      { event: "progress", data: "x", id: "" },
    ]);
  });

  it("accepts CRLF and CR line ends, even a CRLF cut between its two characters", () => {
    const crlf = "event: progress\r\ndata: a\r\n\r\n";
    for (const cut of cutsOf(crlf)) expect(parse(cut)).toEqual([{ event: "progress", data: "a", id: "" }]);
    expect(parse(["data: b\r\rdata: c\r", "\r"])).toEqual([
      { event: "message", data: "b", id: "" },
      { event: "message", data: "c", id: "" },
    ]);
  });

  it("joins data lines, keeps values without a space after the colon, and remembers the last id", () => {
    expect(parse(["id: 7\ndata:first\ndata:  second\ndata\n\ndata: next\n\n"])).toEqual([
      { event: "message", data: "first\n second\n", id: "7" },
      { event: "message", data: "next", id: "7" },
    ]);
  });

  it("holds an event back until its blank line arrives", () => {
    const events: SseEvent[] = [];
    const parser = createSseParser((event) => events.push(event));
    parser.push("event: progress\ndata: {}\n");
    expect(events).toEqual([]);
    parser.push("\n");
    expect(events).toHaveLength(1);
  });
});

describe("reading a response body", () => {
  const encoder = new TextEncoder();

  /** A body that delivers these byte pieces, then ends. */
  function body(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
  }

  it("decodes text cut inside a character and hands on every event until the body ends", async () => {
    const bytes = encoder.encode("data: 5 €\n\ndata: end\n\n");
    const euro = bytes.indexOf(0xe2);
    const events: SseEvent[] = [];
    await readEventStream(body([bytes.slice(0, euro + 1), bytes.slice(euro + 1)]), (event) => events.push(event));
    expect(events).toEqual([
      { event: "message", data: "5 €", id: "" },
      { event: "message", data: "end", id: "" },
    ]);
  });

  it("stops reading when told to", async () => {
    const controller = new AbortController();
    const events: SseEvent[] = [];
    const endless = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(encoder.encode("data: first\n\n"));
      },
    });
    await readEventStream(
      endless,
      (event) => {
        events.push(event);
        controller.abort();
      },
      controller.signal,
    );
    expect(events).toEqual([{ event: "message", data: "first", id: "" }]);
  });
});
