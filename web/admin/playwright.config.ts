import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests against the real server with demo data. Nothing is built here: `make e2e`
// builds target/debug/powersave and dist/ first (or run `cargo build -p powersave` and
// `npm run build` yourself). Each run starts the server on a fresh SQLite directory.
const port = Number(process.env.POWERSAVE_E2E_PORT ?? 18765);
const baseURL = `http://127.0.0.1:${port}`;

// Every demo start picks new passwords unless POWERSAVE_DEMO_PASSWORD names one: pick one for this
// run, here in the runner, so the server (e2e/serve.mjs inherits the environment) and the test
// workers (which inherit it too) agree on it.
process.env.POWERSAVE_DEMO_PASSWORD ??= `e2e-${randomBytes(12).toString("base64url")}`;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node e2e/serve.mjs 127.0.0.1:${port}`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
