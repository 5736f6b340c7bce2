// A stand-in for the server in component tests: routes "METHOD /path" (path without /api/v1 and
// without the query string) to handlers, and records every call. End-to-end tests use the real server.
import { vi } from "vitest";

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | null;
  accept: string | null;
}

type Reply = { status?: number; body?: unknown } | Response;
type Handler = (call: Call) => Reply | Promise<Reply>;

export function json(status: number, body?: unknown): Response {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": contentType },
  });
}

export function problem(status: number, detail: string, errors?: { field: string; message: string }[]) {
  return json(status, { type: "urn:powersave:problem:test", title: "Problem", status, detail, errors });
}

export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? "GET",
      path: url.pathname.replace(/^\/api\/v1/, ""),
      query: url.searchParams,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      authorization: headers.get("authorization"),
      accept: headers.get("accept"),
    };
    calls.push(call);
    const handler = routes[`${call.method} ${call.path}`];
    if (!handler) return problem(404, `no fake route for ${call.method} ${call.path}`);
    const reply = await handler(call);
    return reply instanceof Response ? reply : json(reply.status ?? 200, reply.body);
  });
  vi.stubGlobal("fetch", fetch);
  return {
    calls,
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}
