import { fetch as expoFetch } from "expo/fetch";
import type { Fetch } from "@shared/api/client";

/** Expo's fetch hands a response's body over as it arrives, so a stream can be read live. */
export const canStreamFetch = true;

/**
 * For streams only: React Native's global fetch resolves once the whole body has arrived, which
 * for a live stream is never; expo/fetch gives `response.body` as a ReadableStream.
 */
export const streamingFetch: Fetch = (url, init) => expoFetch(url, init);
