import { createSseParser, type SseEvent } from "./sse";

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  chunks.forEach((chunk) => parser.push(chunk));
  return events;
}

const stream = ': keep-alive\r\n\r\nevent: progress\r\ndata: {"saved_kwh":0.5}\r\n\r\n:\n\nevent: progress\ndata: {"saved_kwh":\ndata: 0.75}\n\n';
const expected: SseEvent[] = [
  { event: "progress", data: '{"saved_kwh":0.5}' },
  { event: "progress", data: '{"saved_kwh":\n0.75}' },
];

test("events come out whole, keep-alive comments are skipped", () => {
  expect(parse([stream])).toEqual(expected);
});

test("a stream split at every position gives the same events", () => {
  for (let cut = 0; cut <= stream.length; cut += 1) {
    expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(expected);
  }
});

test("a stream arriving one character at a time gives the same events", () => {
  expect(parse([...stream])).toEqual(expected);
});

test("an event is held back until its blank line arrives; ids and unnamed events follow the format", () => {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  parser.push("id: 7\ndata:plain\n");
  expect(events).toEqual([]);
  parser.push("\n");
  expect(events).toEqual([{ event: "message", data: "plain", id: "7" }]);
});
