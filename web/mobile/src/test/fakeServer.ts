// A stand-in for the PowerSave API in component tests: routes answer with a status and a body,
// and every request is recorded. Routes are named as docs/openapi.json names them ("GET
// /sessions/{id}", below /api/v1) and typed from the generated schema: a route the API does not
// have, a body it would not send or a request body it would not take fails to compile.
import type { components, paths } from "@shared/api/schema";
import type { RefreshTokenVault } from "../auth/tokens";
import { createServices } from "../auth/services";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Below<P> = P extends `/api/v1${infer Rest}` ? Rest : never;
type Problem = components["schemas"]["Problem"];

/** Every "METHOD /path" the API document has. */
export type RouteKey = {
  [P in keyof paths]: { [M in Method]: paths[P][M] extends undefined ? never : `${Uppercase<M>} ${Below<P>}` }[Method];
}[keyof paths];

type Operation<K extends RouteKey> = K extends `${infer M} ${infer P}`
  ? paths[`/api/v1${P}` & keyof paths][Lowercase<M> & Method]
  : never;

/** What the operation sends back when it succeeds (its 2xx content, whatever the media type). */
type Success<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 ? (R[S] extends { content: infer C } ? C[keyof C] : never) : never }[keyof R]
  : never;

/** The JSON body the operation takes, `undefined` when it takes none. */
type RequestBody<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : undefined;

export interface Reply<K extends RouteKey = RouteKey> {
  status: number;
  /** The success body the API documents for the route, or a problem document. */
  body?: Success<Operation<K>> | Problem;
  /** A body that arrives over time (Server-Sent Events), sent as it is. */
  stream?: ReadableStream<Uint8Array>;
}

export interface Request<K extends RouteKey = RouteKey> {
  body: RequestBody<Operation<K>>;
  /** The path's `{name}` parts, e.g. `id`. */
  params: Record<string, string>;
  authorization: string | null;
  query: URLSearchParams;
}

export type Route<K extends RouteKey = RouteKey> = (request: Request<K>) => Reply<K>;

/** The routes a test answers; any other request gets a 404 problem. */
export type Routes = { [K in RouteKey]?: Route<K> };

export interface Call {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
  query: URLSearchParams;
  signal?: AbortSignal;
}

/** "GET /sessions/{id}" as a pattern for "GET /sessions/abc", naming the parts it captures. */
function matcher(key: string) {
  const names: string[] = [];
  const source = key.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const pattern = new RegExp(`^${source}$`);
  return (request: string): Record<string, string> | null => {
    const found = pattern.exec(request);
    if (!found) return null;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? "")]));
  };
}

export function fakeServer(routes: Routes) {
  const calls: Call[] = [];
  const table = Object.entries(routes).map(([key, route]) => ({ match: matcher(key), route: route as Route }));
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://app.test");
    const method = init?.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const authorization = headers.authorization ?? null;
    const body: unknown = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, body, authorization, query: url.searchParams, signal: init?.signal ?? undefined });
    let reply: Reply = { status: 404, body: problem(404, "not found") };
    for (const { match, route } of table) {
      const params = match(`${method} ${path}`);
      if (params) {
        reply = route({ body: body as never, params, authorization, query: url.searchParams });
        break;
      }
    }
    if (reply.stream) return new Response(reply.stream, { status: reply.status, headers: { "content-type": "text/event-stream" } });
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function problem(status: number, detail: string, errors?: { field: string; message: string }[]): Problem {
  return { type: "about:blank", title: "Problem", status, detail, errors };
}

export function tokens(n: number): components["schemas"]["TokenResponse"] {
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

export function servicesFor(routes: Routes, vault = memoryVault()) {
  const server = fakeServer(routes);
  return { server, vault, services: createServices(server.fetch, vault, "/api/v1") };
}
