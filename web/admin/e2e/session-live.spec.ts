import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { accounts, screenshot, signInAsStaff } from "./support";

const LIVE_TITLE = "Demo: Grid stress (live now)";
const FINAL_TITLE = "Demo: Evening peak (two days ago)";
const QUARTER_HOUR = 15 * 60_000;
const HALF_HOUR = 30 * 60_000;

async function accessToken(request: APIRequestContext, account: { email: string; password: string }) {
  const response = await request.post("/api/v1/auth/login", { data: account });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The five demo households' meters this test reports for. */
const LIVE_METERS = [1, 2, 3, 4, 5].map((n) => `CY-SIM-${String(n).padStart(7, "0")}`);

/**
 * A data source for this test, created by the superadmin, who binds the five meters to it (a
 * meter belongs to the first source that reports it, and other tests' sources may have); its API
 * key uploads readings.
 */
async function dataSourceKey(request: APIRequestContext) {
  const token = await accessToken(request, accounts.superadmin);
  const name = `e2e-live-${Date.now().toString(36)}`;
  const response = await request.post("/api/v1/admin/data-sources", {
    headers: { authorization: `Bearer ${token}` },
    data: { name },
  });
  expect(response.status(), await response.text()).toBe(201);
  for (const meter of LIVE_METERS) {
    const bound = await request.put(`/api/v1/admin/meters/${meter}/sources`, {
      headers: { authorization: `Bearer ${token}` },
      data: { sources: [name] },
    });
    expect(bound.status(), await bound.text()).toBe(200);
  }
  return ((await response.json()) as { api_key: string }).api_key;
}

/**
 * The start of the half hour before the current one: the latest that has ended. Live figures count
 * a household's readings for a half hour only once both its quarter hours are in, so readings for
 * the half hour still running would move the update time but not the chart.
 */
function lastEndedHalfHour(now: number): number {
  return Math.floor(now / HALF_HOUR) * HALF_HOUR - HALF_HOUR;
}

const LOW_KWH = 0.05;

function rfc3339(at: number): string {
  return new Date(at).toISOString().replace(".000Z", "Z");
}

/**
 * Five demo households' meters report a low 0.05 kWh for each quarter hour starting at `starts`;
 * answers how many rows the server refused and why.
 */
async function uploadLowReadings(request: APIRequestContext, apiKey: string, starts: number[]) {
  const readings = starts.flatMap((start) =>
    LIVE_METERS.map((meter_id) => ({ meter_id, interval_start: rfc3339(start), kwh: LOW_KWH })),
  );
  const answer = await request.post("/api/v1/meter-readings", {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { readings },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  return (await answer.json()) as { rejected: number; rejects: { reason: string }[] };
}

/** Staff correct the five meters' readings for each quarter hour starting at `starts` to 0.05 kWh. */
async function correctToLowReadings(request: APIRequestContext, token: string, starts: number[]) {
  for (const start of starts) {
    for (const meter of LIVE_METERS) {
      const answer = await request.post(`/api/v1/admin/meters/${meter}/corrections`, {
        headers: { authorization: `Bearer ${token}` },
        data: { interval_start: rfc3339(start), kwh: LOW_KWH, reason: "meter re-read after a communication fault" },
      });
      expect(answer.status(), await answer.text()).toBe(201);
    }
  }
}

async function sessionStart(request: APIRequestContext, token: string, page: Page): Promise<number> {
  const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const response = await request.get(`/api/v1/admin/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return Date.parse(((await response.json()) as { starts_at: string }).starts_at);
}

/** Waits until the demo session with `title` is listed in `state`, then opens it. */
async function openDemoSession(page: Page, title: string, state: string) {
  await page.goto("/admin/sessions");
  const row = page.getByRole("table", { name: "Sessions" }).getByRole("row", { name: title });
  // The demo plans its sessions once the simulated history is in; the worker moves them on.
  await expect(async () => {
    await page.reload();
    // Cells after the title: when, state, participants.
    await expect(row.getByRole("cell").nth(1)).toHaveText(state, { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

function liveProgress(page: Page) {
  const section = page.getByRole("region", { name: "Live progress" });
  const chart = section.getByRole("figure", { name: "Baseline and actual power per half hour, in kW" });
  return {
    section,
    chart,
    table: chart.getByRole("table", { name: "Baseline and actual power per half hour, in kW" }),
    note: section.getByText(/Updates as readings arrive/),
    saved: section.getByRole("group", { name: "Saved so far" }),
  };
}

test("an admin watches the live session follow new readings, then the settled one's figures and results", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signInAsStaff(page, accounts.admin);
  await openDemoSession(page, LIVE_TITLE, "Live");
  const live = liveProgress(page);
  await expect(live.section.getByRole("group", { name: "Participants" })).toContainText("40");
  await expect(live.chart.getByRole("application")).toBeVisible();
  await expect(live.chart.getByText("Baseline (kW)")).toBeVisible();
  await expect(live.chart.getByText("Actual (kW)")).toBeVisible();
  await expect(live.chart.getByText("kW", { exact: true })).toBeVisible();
  await expect(live.table.getByRole("row")).toHaveCount(5);
  await expect(live.note).toContainText("Last update at");
  const firstUpdate = await live.note.textContent();
  const shownAt = Date.now();
  await screenshot(page, "18-session-live");

  const adminToken = await accessToken(request, accounts.admin);
  const apiKey = await dataSourceKey(request);
  const liveStart = await sessionStart(request, adminToken, page);
  const ended = lastEndedHalfHour(Date.now());
  // The demo starts its live session a half hour before the half hour it is planned in, and the
  // e2e server's programme day begins half a day away (e2e/serve.mjs): a half hour of it has ended.
  expect(ended).toBeGreaterThanOrEqual(liveStart);
  const endedPeriod = live.table.getByRole("row").nth((ended - liveStart) / HALF_HOUR + 1);
  const endedBefore = await endedPeriod.textContent();

  // The server pushes the new state at once: the page shows a later update and the half hour's new
  // figures without a reload. (The update time is shown to the second: the readings go once the
  // clock is past the first one's.)
  await expect.poll(() => Date.now(), { intervals: [100] }).toBeGreaterThanOrEqual(Math.ceil(shownAt / 1_000) * 1_000);
  expect(await uploadLowReadings(request, apiKey, [ended, ended + QUARTER_HOUR])).toMatchObject({ rejected: 0 });
  await expect(live.note).not.toHaveText(firstUpdate ?? "");
  await expect(endedPeriod).not.toHaveText(endedBefore ?? "");
  await screenshot(page, "19-session-live-after-readings");

  // The settled session's half hours are complete: whole half hours of new readings move its figures.
  await page.getByRole("link", { name: "All sessions" }).click();
  await openDemoSession(page, FINAL_TITLE, "Final");
  const settled = liveProgress(page);
  await expect(settled.section.getByRole("group", { name: "Participants" })).toContainText("40");
  const firstPeriod = settled.table.getByRole("row").nth(1);
  await expect(firstPeriod.getByRole("cell").nth(1)).toHaveText(/kW$/);
  const periodBefore = await firstPeriod.textContent();
  const savedBefore = await settled.saved.textContent();
  const finalStart = await sessionStart(request, adminToken, page);
  // A settled session's readings are no longer the data source's to change: the upload is
  // refused row by row, and only a staff correction (recorded, with a reason) moves the figures.
  const refused = await uploadLowReadings(request, apiKey, [finalStart, finalStart + QUARTER_HOUR]);
  expect(refused.rejected).toBe(2 * LIVE_METERS.length);
  expect(refused.rejects[0]?.reason).toContain("settled session");
  await expect(firstPeriod).toHaveText(periodBefore ?? "");
  await correctToLowReadings(request, adminToken, [finalStart, finalStart + QUARTER_HOUR]);
  await page.reload();
  await expect(firstPeriod).not.toHaveText(periodBefore ?? "");
  await expect(settled.saved).not.toHaveText(savedBefore ?? "");

  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("group", { name: "Participants" })).toContainText("40");
  const histogram = results.getByRole("figure", { name: "Households by % of their baseline saved" });
  await expect(histogram.getByRole("application")).toBeVisible();
  await expect(histogram.getByText("Households", { exact: true }).first()).toBeVisible();
  await expect(histogram.getByRole("table")).toContainText("Below 0 %");
  const savers = results.getByRole("table", { name: "Top savers" });
  await expect(savers.getByRole("row")).not.toHaveCount(1);
  await expect(savers.getByRole("link").first()).toHaveAttribute("href", /\/admin\/users\/[0-9a-f-]{36}$/);
  await screenshot(page, "20-session-results");

  const download = page.waitForEvent("download");
  await results.getByRole("button", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^session-[0-9a-f-]{36}-results\.csv$/);
  expect((await readFile(await file.path(), "utf8")).split("\n")[0]).toBe(
    "user_id,email,display_name,status,reason,baseline_kwh,actual_kwh,saved_kwh,percent_saved",
  );
});
