import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";

// End-to-end tests of the app's web build against the real server with demo data, on a small
// phone screen with touch. Nothing is built here: run `cargo build -p powersave` and
// `npm run build:web` first. Each run starts the server on a fresh SQLite directory.
const port = Number(process.env.POWERSAVE_APP_E2E_PORT ?? 18775);
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
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    viewport: { width: 360, height: 640 },
    hasTouch: true,
    isMobile: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "phone",
      use: {
        browserName: "chromium",
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
