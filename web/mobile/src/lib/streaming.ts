/** Browsers hand a fetch response's body over as it arrives, so a stream can be read live. */
export const canStreamFetch = typeof ReadableStream !== "undefined";
