import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { join } from "node:path";

export const accounts = {
  admin: { email: "admin@powersave.local", password: "admin-demo-2026" },
  consumer: { email: "eleni@powersave.local", password: "consumer-demo-2026" },
  /** A household whose simulated meter delivers 90 days of history soon after the server starts. */
  simulated: { email: "household-0001@demo.powersave.local", password: "household-demo-2026" },
} as const;

const screenshots = join(__dirname, "../test-results/screenshots");

/** Keeps a picture of a screen for people to look at (test-results/screenshots, not committed). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/app/");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page.getByText("Today so far")).toBeVisible();
}

async function token(request: APIRequestContext, account: { email: string; password: string }) {
  const response = await request.post("/api/v1/auth/login", { data: account });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** As utility staff: plan and announce a session some days ahead (on the hour, one hour long). */
export async function announceSession(request: APIRequestContext, title: string, daysAhead: number) {
  const headers = { authorization: `Bearer ${await token(request, accounts.admin)}` };
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 3_600_000);
  const planned = await request.post("/api/v1/admin/sessions", {
    headers,
    data: { title, starts_at: start.toISOString(), ends_at: end.toISOString(), points_per_kwh: 100 },
  });
  expect(planned.status(), await planned.text()).toBe(201);
  const { id } = (await planned.json()) as { id: string };
  const announced = await request.post(`/api/v1/admin/sessions/${id}/announce`, { headers });
  expect(announced.ok(), await announced.text()).toBe(true);
  return id;
}

/** Waits until the simulator has delivered an account's meter history (it then may join sessions). */
export async function waitForMeterHistory(request: APIRequestContext, account: { email: string; password: string }) {
  const headers = { authorization: `Bearer ${await token(request, account)}` };
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/v1/me/consumption/summary", { headers });
        return ((await response.json()) as { yesterday: { completeness: number } }).yesterday.completeness;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0.8);
}
