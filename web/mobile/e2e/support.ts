import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { join } from "node:path";
import { readEventStream } from "../../shared/sse/parser";

/** This run's password of every demo account (playwright.config.ts picks it, the server uses it). */
const demoPassword = (() => {
  const password = process.env.POWERSAVE_DEMO_PASSWORD;
  if (!password) throw new Error("POWERSAVE_DEMO_PASSWORD is not set (playwright.config.ts sets it)");
  return password;
})();

export const accounts = {
  admin: { email: "admin@powersave.local", password: demoPassword },
  superadmin: { email: "superadmin@powersave.local", password: demoPassword },
  consumer: { email: "eleni@powersave.local", password: demoPassword },
  /** A simulated household that took part in the demo's past sessions and in the live one. */
  simulated: { email: "household-0001@demo.powersave.local", password: demoPassword },
} as const;

/**
 * The demo's simulated households in the e2e server (POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS
 * in e2e/serve.mjs; the two must agree).
 */
export const DEMO_HOUSEHOLDS = 60;

/**
 * The `n`th simulated meter no household holds (1 or 2), with the account number the demo's
 * customer register bills it to: its index is the next after the households', the meter number
 * `CY-SIM-` and the index in 7 digits, the account number `9` and the index in 9 (docs/DEMO.md).
 */
export function unclaimedMeter(n: 1 | 2) {
  const index = DEMO_HOUSEHOLDS + n;
  return { meterId: `CY-SIM-${String(index).padStart(7, "0")}`, accountNumber: `9${String(index).padStart(9, "0")}` };
}

/** The simulated meter of `accounts.simulated`. */
export const SIMULATED_METER = "CY-SIM-0000001";

/**
 * The demo's sessions, as the server names them (docs/DEMO.md): settled before the server answers,
 * the consumer and households 1–39 took part in all but the upcoming one, which nobody has joined.
 */
export const demoSessions = {
  live: "Demo: Grid stress (live now)",
  /** Final for everyone. */
  settled: "Demo: Evening peak (two days ago)",
  /** Final for the households; provisional for the consumer, whose meter is late with its last hour. */
  provisional: "Demo: Evening peak (yesterday)",
  upcoming: "Demo: Evening peak (tomorrow)",
} as const;

const screenshots = join(__dirname, "../test-results/screenshots");

/** Keeps a picture of a screen for people to look at (test-results/screenshots, not committed). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs in from Welcome; `shot` names a screenshot of the filled-in form. */
export async function signIn(page: Page, account: { email: string; password: string }, shot?: string) {
  await page.goto("/app/");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  if (shot) await screenshot(page, shot);
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page.getByText("Today so far")).toBeVisible();
}

export async function token(request: APIRequestContext, account: { email: string; password: string }) {
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

/** A data source made by the superadmin for this run; its API key uploads meter readings. */
export async function dataSourceKey(request: APIRequestContext) {
  const response = await request.post("/api/v1/admin/data-sources", {
    headers: { authorization: `Bearer ${await token(request, accounts.superadmin)}` },
    data: { name: uniqueName("app-e2e") },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { api_key: string }).api_key;
}

/** Uploads actual quarter-hour readings of one meter, as the utility's meter data system would. */
export async function uploadReadings(request: APIRequestContext, apiKey: string, meterId: string, starts: number[], kwh: number) {
  const readings = starts.map((start) => ({
    meter_id: meterId,
    interval_start: new Date(start).toISOString().replace(".000Z", "Z"),
    kwh,
  }));
  const answer = await request.post("/api/v1/meter-readings", {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { readings },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  expect(await answer.json()).toMatchObject({ rejected: 0 });
}

interface HouseholdSession {
  id: string;
  title: string;
  starts_at: string;
  points_earned: number;
}

/** The most sessions the app lists at once (src/api/endpoints.ts asks the server for 50). */
export const SESSIONS_LISTED = 50;

/** Every past session of `account`, latest first, as the server lists them. */
export async function pastSessions(request: APIRequestContext, account: { email: string; password: string }) {
  const headers = { authorization: `Bearer ${await token(request, account)}` };
  const response = await request.get("/api/v1/sessions?when=past&per_page=100", { headers });
  expect(response.status()).toBe(200);
  const { items, total } = (await response.json()) as { items: HouseholdSession[]; total: number };
  expect(items).toHaveLength(total);
  return items;
}

/** A session as `account` sees it in its list of `when` sessions, once it is there. */
export async function householdSession(
  request: APIRequestContext,
  account: { email: string; password: string },
  when: "upcoming" | "live" | "past",
  title: string,
  ready: (session: HouseholdSession) => boolean = () => true,
): Promise<HouseholdSession> {
  const headers = { authorization: `Bearer ${await token(request, account)}` };
  let found: HouseholdSession | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/sessions?when=${when}&per_page=100`, { headers });
        const { items } = (await response.json()) as { items: HouseholdSession[] };
        found = items.find((session) => session.title === title && ready(session));
        return found !== undefined;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  if (!found) throw new Error(`${title} is not among the ${when} sessions`);
  return found;
}

/** A past session of `account` with its result, as the server settled it. */
export async function pastResult(request: APIRequestContext, account: { email: string; password: string }, title: string) {
  const session = await householdSession(request, account, "past", title);
  const headers = { authorization: `Bearer ${await token(request, account)}` };
  const response = await request.get(`/api/v1/sessions/${session.id}`, { headers });
  expect(response.status()).toBe(200);
  const { result } = (await response.json()) as { result: { status: string; saved_kwh: number; percent_saved: number } };
  return { ...session, status: result.status, saved: result.saved_kwh, percent: result.percent_saved };
}

/** kWh as the app writes them in English (en-CY): two decimals (Playwright reads its no-break space as a space). */
export function kwh(value: number): string {
  return `${value.toLocaleString("en-CY", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} kWh`;
}

/** A percentage as the app writes it in English (en-CY, docs/GLOSSARY.md): at most one decimal, "12.5%". */
export function percent(value: number): string {
  return (value / 100).toLocaleString("en-CY", { style: "percent", maximumFractionDigits: 1 });
}

/** What a result screen says a household saved (or used more), given the server's `saved_kwh`. */
export function resultSaving(saved: number): string {
  return saved >= 0 ? `Saved ${kwh(saved)}` : `Used ${kwh(-saved)} more`;
}

/** What the live screen says a household saved so far (or used more), given the server's `saved_kwh`. */
export function liveSaving(saved: number): string {
  return saved >= 0 ? `Saved so far: ${kwh(saved)}` : `So far ${kwh(-saved)} more than usual`;
}

/**
 * The household's saved kWh in a live session now: the first `progress` event of its stream, read
 * the way the app reads it (Playwright's request context waits for a body to end; a stream never does).
 */
export async function liveSaved(
  request: APIRequestContext,
  baseURL: string,
  account: { email: string; password: string },
  sessionId: string,
): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(`${baseURL}/api/v1/sessions/${sessionId}/live`, {
    headers: { authorization: `Bearer ${await token(request, account)}`, accept: "text/event-stream" },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  if (!response.body) throw new Error("the live stream has no body");
  let saved: number | undefined;
  await readEventStream(
    response.body,
    (event) => {
      if (event.event !== "progress" || saved !== undefined) return;
      saved = (JSON.parse(event.data) as { saved_kwh: number }).saved_kwh;
      controller.abort();
    },
    controller.signal,
  ).catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
  if (saved === undefined) throw new Error("the live stream ended before its first progress event");
  return saved;
}

/** A Green Points ledger entry (`GET /me/points`). */
export interface LedgerEntry {
  reason: "session_savings" | "opt_in_bonus" | "streak_bonus" | "badge";
  points: number;
  /** The session it was paid for (`id#n` for a correction), or `badge:<key>`. */
  reference: string;
}

/** `account`'s Green Points balance and its whole ledger, newest first, as the server tells them. */
export async function greenPoints(request: APIRequestContext, account: { email: string; password: string }) {
  const headers = { authorization: `Bearer ${await token(request, account)}` };
  const response = await request.get("/api/v1/me/points?per_page=100", { headers });
  expect(response.status()).toBe(200);
  const { balance, items, total } = (await response.json()) as { balance: number; items: LedgerEntry[]; total: number };
  expect(items).toHaveLength(total);
  return { balance, entries: items };
}

/**
 * Checks what a demo session paid a household that saved `saved` kWh in it (docs/DEMO.md), by
 * the entries of its ledger that refer to the session: 10 points for taking part, 100 per kWh
 * saved (none for using more) and, when the session completed a run of 3 final successes, the
 * 50-point streak bonus; the session's `points_earned` is their sum.
 */
export function expectDemoPayment(session: { id: string; saved: number; points_earned: number }, ledger: LedgerEntry[]) {
  const paid = ledger.filter((entry) => entry.reference.split("#")[0] === session.id);
  // By reason, in alphabetical order: opt-in bonus, savings, streak bonus.
  const entries = paid.map(({ reason, points }) => ({ reason, points })).sort((a, b) => a.reason.localeCompare(b.reason));
  const savings = Math.max(0, Math.round(session.saved * 100));
  const streakBonus = entries.some((entry) => entry.reason === "streak_bonus");
  expect(entries).toEqual([
    { reason: "opt_in_bonus", points: 10 },
    ...(savings > 0 ? [{ reason: "session_savings", points: savings }] : []),
    ...(streakBonus ? [{ reason: "streak_bonus", points: 50 }] : []),
  ]);
  expect(session.points_earned).toBe(paid.reduce((sum, entry) => sum + entry.points, 0));
}
