// A stand-in for the PowerSave API in component tests: routes answer with a status and a body,
// and every request is recorded.
import type { RefreshTokenVault } from "../auth/tokens";
import { createServices } from "../auth/services";

export interface Reply {
  status: number;
  body?: unknown;
  /** A body that arrives over time (Server-Sent Events), sent as it is. */
  stream?: ReadableStream<Uint8Array>;
}

export type Route = (request: { body: unknown; authorization: string | null; query: URLSearchParams }) => Reply;

export interface Call {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
  query: URLSearchParams;
  signal?: AbortSignal;
}

export function fakeServer(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://app.test");
    const method = init?.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const authorization = headers.authorization ?? null;
    const body: unknown = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, body, authorization, query: url.searchParams, signal: init?.signal ?? undefined });
    const route = routes[`${method} ${path}`];
    const reply = route ? route({ body, authorization, query: url.searchParams }) : { status: 404, body: problem(404, "not found") };
    if (reply.stream) return new Response(reply.stream, { status: reply.status, headers: { "content-type": "text/event-stream" } });
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function problem(status: number, detail: string, errors?: { field: string; message: string }[]) {
  return { type: "about:blank", title: "Problem", status, detail, errors };
}

export function tokens(n: number) {
  return { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: "Bearer", expires_in: 900 };
}

export function memoryVault(initial: string | null = null): RefreshTokenVault & { value: string | null } {
  const vault = {
    value: initial,
    load: async () => vault.value,
    save: async (token: string) => {
      vault.value = token;
    },
    clear: async () => {
      vault.value = null;
    },
  };
  return vault;
}

export function servicesFor(routes: Record<string, Route>, vault = memoryVault()) {
  const server = fakeServer(routes);
  return { server, vault, services: createServices(server.fetch, vault, "/api/v1") };
}
