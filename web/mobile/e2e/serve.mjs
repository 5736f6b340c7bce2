// Starts `powersave serve --demo` for the end-to-end tests on a fresh data directory and, in front
// of it, a small server that serves the app's web build (dist/) at /app and passes everything else
// through to PowerSave. The data directory is removed when the servers stop.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";

const [host, port] = (process.argv[2] ?? "127.0.0.1:18775").split(":");
const backendPort = Number(port) + 1;
const root = resolve(import.meta.dirname, "../../..");
const binary = resolve(root, "target/debug/powersave");
const dist = resolve(import.meta.dirname, "../dist");

for (const [path, hint] of [
  [binary, "cargo build -p powersave"],
  [join(dist, "index.html"), "npm run build:web (in web/mobile)"],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${path} is missing; run \`${hint}\` first.`);
    process.exit(1);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "powersave-app-e2e-"));
const backend = spawn(
  binary,
  ["serve", "--demo", "--data-dir", dataDir, "--listen", `${host}:${backendPort}`],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      // Warnings and errors only, so the test report stays readable (set RUST_LOG to see more).
      POWERSAVE_LOG_LEVEL: process.env.RUST_LOG ?? "warn",
      // Every test signs in; the default of 10 sign-ins a minute per address is for the real world.
      POWERSAVE_RATE_LIMITS__AUTH_PER_MINUTE: "1000",
      POWERSAVE_RATE_LIMITS__AUTH_BURST: "1000",
      POWERSAVE_RATE_LIMITS__GLOBAL_PER_SECOND: "1000",
      POWERSAVE_RATE_LIMITS__GLOBAL_BURST: "1000",
    },
  },
);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
};

/** A file of the build, or index.html for any other path under /app (the app routes itself). */
function serveApp(path, response) {
  const relative = normalize(decodeURIComponent(path.slice("/app".length)) || "/");
  let file = join(dist, relative);
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(dist, "index.html");
  }
  response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  response.end(readFileSync(file));
}

function proxy(incoming, response) {
  const outgoing = request(
    { host, port: backendPort, path: incoming.url, method: incoming.method, headers: incoming.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  outgoing.on("error", () => {
    response.writeHead(502);
    response.end();
  });
  incoming.pipe(outgoing);
}

const front = createServer((incoming, response) => {
  const path = new URL(incoming.url ?? "/", "http://localhost").pathname;
  if (path === "/app" || path.startsWith("/app/")) serveApp(path, response);
  else proxy(incoming, response);
});
front.listen(Number(port), host);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => backend.kill(signal));
}
backend.on("exit", (code, signal) => {
  front.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
