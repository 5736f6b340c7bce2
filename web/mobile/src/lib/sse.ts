// A Server-Sent Events parser (the WHATWG event-stream format) for text that arrives in chunks
// split anywhere: in a line, between "\r" and "\n", or in the middle of an event.

export interface SseEvent {
  /** "message" unless the event names itself. */
  event: string;
  data: string;
  id?: string;
}

export interface SseParser {
  /** Feed the next piece of decoded text; complete events are handed to the listener. */
  push(chunk: string): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = "";
  /** A chunk ended in "\r": a "\n" opening the next chunk belongs to the same line ending. */
  let afterCarriageReturn = false;
  let event = "";
  let data: string[] = [];
  let id: string | undefined;

  function dispatch() {
    if (data.length > 0) onEvent({ event: event || "message", data: data.join("\n"), ...(id === undefined ? {} : { id }) });
    event = "";
    data = [];
  }

  function line(text: string) {
    if (text === "") return dispatch();
    if (text.startsWith(":")) return; // a comment, e.g. a keep-alive
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id" && !value.includes("\0")) id = value;
  }

  return {
    push(chunk) {
      let text = chunk;
      if (afterCarriageReturn && text.startsWith("\n")) text = text.slice(1);
      afterCarriageReturn = false;
      buffer += text;
      const ending = /\r\n|\r|\n/g;
      let start = 0;
      let match: RegExpExecArray | null;
      while ((match = ending.exec(buffer)) !== null) {
        // A lone "\r" at the very end may be the first half of "\r\n".
        if (match[0] === "\r" && match.index === buffer.length - 1) afterCarriageReturn = true;
        line(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
  };
}
