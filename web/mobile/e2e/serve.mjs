// Starts `powersave serve --demo` for the end-to-end tests on a fresh data directory, serving the
// app's web build (dist/) at /app, and removes the directory when the server stops.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const listen = process.argv[2] ?? "127.0.0.1:18775";
const root = resolve(import.meta.dirname, "../../..");
// POWERSAVE_E2E_BINARY points at another build (e.g. of a clean checkout while the workspace's
// own does not compile).
const binary = resolve(process.env.POWERSAVE_E2E_BINARY ?? resolve(root, "target/debug/powersave"));
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

/**
 * The whole-hour zone where it is about midday now (Etc/GMT-N is UTC+N). The demo plans by the
 * programme's local day and its live session never starts before local midnight, so with the
 * programme's midnight half a day away every run sees the same demo: a live session with a half
 * hour that has ended and a day with a usual-day comparison, whatever the time of the run.
 */
function middayZone(now) {
  const hoursAhead = 12 - now.getUTCHours();
  if (hoursAhead === 0) return "Etc/GMT";
  return `Etc/GMT${hoursAhead > 0 ? "-" : "+"}${Math.abs(hoursAhead)}`;
}

const dataDir = mkdtempSync(join(tmpdir(), "powersave-app-e2e-"));
const server = spawn(binary, ["serve", "--demo", "--data-dir", dataDir, "--listen", listen], {
  cwd: root,
  stdio: "inherit",
  env: {
    // POWERSAVE_DEMO_PASSWORD, the demo accounts' password for this run, comes from
    // playwright.config.ts with the rest of the environment.
    ...process.env,
    POWERSAVE_APP_UI_DIR: dist,
    // Warnings and errors only, so the test report stays readable (set RUST_LOG to see more).
    POWERSAVE_LOG_LEVEL: process.env.RUST_LOG ?? "warn",
    // A smaller demo programme with a faster clock, so sessions move on during a test run
    // (e2e/support.ts DEMO_HOUSEHOLDS names the same number of households).
    POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS: "60",
    POWERSAVE_METER_DATA__SIMULATOR__HISTORY_DAYS: "50",
    POWERSAVE_JOBS__TICK_SCHEDULE: "*/2 * * * * *",
    POWERSAVE_PROGRAMME__TIME_ZONE: middayZone(new Date()),
    // Every test signs in; the default of 10 sign-ins a minute per address is for the real world.
    POWERSAVE_RATE_LIMITS__AUTH_PER_MINUTE: "1000",
    POWERSAVE_RATE_LIMITS__AUTH_BURST: "1000",
    POWERSAVE_RATE_LIMITS__GLOBAL_PER_SECOND: "1000",
    POWERSAVE_RATE_LIMITS__GLOBAL_BURST: "1000",
  },
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
