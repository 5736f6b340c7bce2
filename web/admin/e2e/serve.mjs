// Starts `powersave serve --demo` for the end-to-end tests on a fresh data directory, serving the
// built dashboard, and removes the directory when the server stops.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const listen = process.argv[2] ?? "127.0.0.1:18765";
const root = resolve(import.meta.dirname, "../../..");
// POWERSAVE_E2E_BINARY points at another build (e.g. of a clean checkout while the workspace's
// own does not compile).
const binary = resolve(process.env.POWERSAVE_E2E_BINARY ?? resolve(root, "target/debug/powersave"));
const dashboard = resolve(import.meta.dirname, "../dist");

for (const [path, hint] of [
  [binary, "cargo build -p powersave"],
  [join(dashboard, "index.html"), "npm run build (in web/admin)"],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${path} is missing; run \`${hint}\` first (make e2e does both).`);
    process.exit(1);
  }
}

/**
 * The whole-hour zone where it is about midday now (Etc/GMT-N is UTC+N). The demo plans by the
 * programme's local day — its live session starts a half hour before the current half hour, but
 * never before local midnight — so with the programme's midnight half a day away every run sees
 * the same demo: a live session with a half hour that has ended, whatever the time of the run.
 */
function middayZone(now) {
  const hoursAhead = 12 - now.getUTCHours();
  if (hoursAhead === 0) return "Etc/GMT";
  return `Etc/GMT${hoursAhead > 0 ? "-" : "+"}${Math.abs(hoursAhead)}`;
}

const dataDir = mkdtempSync(join(tmpdir(), "powersave-e2e-"));
const server = spawn(binary, ["serve", "--demo", "--data-dir", dataDir, "--listen", listen], {
  cwd: root,
  stdio: "inherit",
  env: {
    // POWERSAVE_DEMO_PASSWORD, the demo accounts' password for this run, comes from
    // playwright.config.ts with the rest of the environment.
    ...process.env,
    POWERSAVE_ADMIN_UI_DIR: dashboard,
    // Warnings and errors only, so the test report stays readable (set RUST_LOG to see more).
    POWERSAVE_LOG_LEVEL: process.env.RUST_LOG ?? "warn",
    // Every test signs in; the default of 10 sign-ins a minute per address is for the real world.
    POWERSAVE_RATE_LIMITS__AUTH_PER_MINUTE: "1000",
    POWERSAVE_RATE_LIMITS__AUTH_BURST: "1000",
    POWERSAVE_RATE_LIMITS__GLOBAL_PER_SECOND: "1000",
    POWERSAVE_RATE_LIMITS__GLOBAL_BURST: "1000",
    // A smaller demo programme (its past sessions are settled before the server answers, on enough
    // simulated history for their baselines) with a faster clock, so sessions move on during a run.
    POWERSAVE_JOBS__TICK_SCHEDULE: "*/2 * * * * *",
    POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS: "60",
    POWERSAVE_METER_DATA__SIMULATOR__HISTORY_DAYS: "50",
    POWERSAVE_PROGRAMME__TIME_ZONE: middayZone(new Date()),
  },
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
