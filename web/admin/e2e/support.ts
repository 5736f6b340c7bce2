import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { PAGE_SIZES } from "../src/lib/paging";

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

/** A past session as the household sees it (`GET /sessions?when=past`). */
export interface PastSession {
  id: string;
  title: string;
  points_earned: number;
}

type LedgerReason = "session_savings" | "opt_in_bonus" | "streak_bonus" | "badge";

/** A Green Points ledger entry as the household sees it (`GET /me/points`). */
export interface LedgerEntry {
  reason: LedgerReason;
  points: number;
  reference: string;
}

/**
 * What a household's own API says it took part in and was paid: its past sessions, latest first,
 * and its whole Green Points ledger with the balance.
 */
export async function householdRecord(request: APIRequestContext, account: { email: string; password: string }) {
  const login = await request.post("/api/v1/auth/login", { data: account });
  expect(login.status(), await login.text()).toBe(200);
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}` };
  const sessions = await request.get("/api/v1/sessions?when=past&per_page=100", { headers });
  expect(sessions.status()).toBe(200);
  const past = (await sessions.json()) as { items: PastSession[]; total: number };
  expect(past.items).toHaveLength(past.total);
  const points = await request.get("/api/v1/me/points?per_page=100", { headers });
  expect(points.status()).toBe(200);
  const ledger = (await points.json()) as { balance: number; items: LedgerEntry[]; total: number };
  expect(ledger.items).toHaveLength(ledger.total);
  return { past: past.items, balance: ledger.balance, ledger: ledger.items };
}

/** The dashboard's name of each ledger reason (src/locales/en/users.json). */
const reasonNames: Record<LedgerReason, string> = {
  session_savings: "Session savings",
  opt_in_bonus: "Opt-in bonus",
  streak_bonus: "Streak bonus",
  badge: "Badge",
};

/**
 * On a user's page, shows its Green Points ledger on a single page (the dashboard's largest page
 * size) and finds there every entry of `ledger`, as many of each reason as it holds.
 */
export async function expectWholeLedger(points: Locator, ledger: LedgerEntry[]) {
  const largestPage = Math.max(...PAGE_SIZES);
  expect(ledger.length).toBeLessThanOrEqual(largestPage);
  await points.getByRole("navigation", { name: "Green Points ledger pages" }).getByLabel("Rows per page").selectOption(String(largestPage));
  const table = points.getByRole("table", { name: "Green Points ledger" });
  await expect(table.getByRole("row")).toHaveCount(1 + ledger.length);
  for (const [reason, name] of Object.entries(reasonNames)) {
    const entries = ledger.filter((entry) => entry.reason === reason).length;
    await expect(table.getByRole("rowheader", { name, exact: true })).toHaveCount(entries);
  }
}
