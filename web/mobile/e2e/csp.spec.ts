import { expect, test } from "@playwright/test";
import { accounts, signIn } from "./support";

// The server sends a strict Content-Security-Policy (docs/SECURITY.md, "HTTP headers"): scripts
// only from the app's own files. The web build must work under it without a single violation,
// which Chromium reports on the console.
test("the app runs under the server's Content-Security-Policy without a violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/app/");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("script-src 'self';");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  await signIn(page, accounts.consumer);
  expect(violations).toEqual([]);
});
