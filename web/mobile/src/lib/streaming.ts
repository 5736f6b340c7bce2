import type { Fetch } from "@shared/api/client";

/** Browsers hand a fetch response's body over as it arrives, so a stream can be read live. */
export const canStreamFetch = typeof ReadableStream !== "undefined";

/** The browser's own fetch already streams. */
export const streamingFetch: Fetch = (url, init) => globalThis.fetch(url, init);
