import { expect, test } from "@playwright/test";
import { accounts, signInAsStaff } from "./support";

// The server sends a strict Content-Security-Policy (docs/SECURITY.md, "HTTP headers"): scripts
// only from the dashboard's own files. The dashboard must work under it without a single
// violation, which Chromium reports on the console.
test("the dashboard runs under the server's Content-Security-Policy without a violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/admin/signin");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("script-src 'self';");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");

  await signInAsStaff(page, accounts.superadmin);
  for (const [link, heading] of [
    ["Sessions", "Sessions"],
    ["Users", "Users"],
    ["System", "System"],
  ] as const) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  expect(violations).toEqual([]);
});
