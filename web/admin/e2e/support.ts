import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { fileURLToPath } from "node:url";

/** This run's password of every demo account (playwright.config.ts picks it, the server uses it). */
export const demoPassword = (() => {
  const password = process.env.POWERSAVE_DEMO_PASSWORD;
  if (!password) throw new Error("POWERSAVE_DEMO_PASSWORD is not set (playwright.config.ts sets it)");
  return password;
})();

export const accounts = {
  superadmin: { email: "superadmin@powersave.local", password: demoPassword },
  admin: { email: "admin@powersave.local", password: demoPassword },
  consumer: { email: "eleni@powersave.local", password: demoPassword },
} as const;

const screenshots = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));

/** Keeps a picture of a screen for people to look at (test-results/screenshots, not committed). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

/** Waits until no section is still loading, then checks the screen against WCAG 2 A and AA. */
export async function expectAccessible(page: Page, screen: string) {
  await expect(page.getByRole("status").filter({ hasText: /…$/ })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const found = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(found, `axe on ${screen}`).toEqual([]);
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  // Not again when already there (after signing out): the browser would revalidate the page,
  // which the server answers with an empty body (see "reloading a deep link" in auth.spec.ts).
  if (new URL(page.url(), "http://x").pathname !== "/admin/signin") await page.goto("/admin/signin");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAsStaff(page: Page, account: { email: string; password: string }) {
  await signIn(page, account);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
}

/** Registers a household of its own for a test, so tests never depend on each other. */
export async function registerHousehold(request: APIRequestContext, name: string) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `${name.toLowerCase()}-${unique}@e2e.example`;
  const response = await request.post("/api/v1/auth/register", {
    data: { email, password: "green garden grows", display_name: `${name} ${unique}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  const user = (await response.json()) as { id: string; display_name: string; email: string };
  return { ...user, unique };
}
