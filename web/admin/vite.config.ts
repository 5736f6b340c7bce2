/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The API client, SSE parser and API types the dashboard shares with the consumer app. */
const shared = fileURLToPath(new URL("../shared", import.meta.url));

// The server serves the built dashboard at /admin; in development Vite serves it and
// forwards the API to a server started with `powersave serve` (or `make run`).
export default defineConfig({
  base: "/admin/",
  plugins: [react(), tailwindcss()],
  resolve: { alias: { "@shared": shared } },
  server: {
    fs: { allow: [".", shared] },
    proxy: {
      "/api": "http://127.0.0.1:8080",
    },
  },
  test: {
    environment: "jsdom",
    // The shared code's unit tests run here too (web/shared has no test runner of its own).
    include: ["src/**/*.test.{ts,tsx}", "../shared/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
