import { expect, test } from "@playwright/test";
import {
  accounts,
  announceSession,
  dataSourceKey,
  demoSessions,
  expectDemoPayment,
  greenPoints,
  householdSession,
  type LedgerEntry,
  liveSaved,
  liveSaving,
  pastResult,
  pastSessions,
  percent,
  resultSaving,
  screenshot,
  SESSIONS_LISTED,
  signIn,
  SIMULATED_METER,
  uniqueName,
  uploadReadings,
} from "./support";

const QUARTER_HOUR = 15 * 60_000;

// The demo server delivers its simulated meter history and settles its past sessions before it
// answers the first request (docs/DEMO.md): every test can count on them from the start.

test("a new household registers, sees its field error fixed, lands on Home asked to connect its meter, with the demo's next session and is told why it cannot join yet", async ({
  page,
}) => {
  const name = uniqueName("household");

  await page.goto("/app/");
  await expect(page.getByRole("heading", { name: "PowerSave" })).toBeVisible();
  await screenshot(page, "01-welcome");
  await page.getByRole("button", { name: "Create an account" }).tap();

  await page.getByLabel("Name shown to others").fill("Andreas");
  await page.getByLabel("E-mail").fill(`${name}@e2e.example`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).tap();
  await expect(page.getByRole("alert")).toHaveText("password must be at least 10 characters long");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "false");
  await screenshot(page, "02-register-field-error");

  await page.getByLabel("Password").fill("green garden grows");
  await page.getByRole("button", { name: "Create account" }).tap();
  // No meter yet: Home asks for one and has no figures of today to show.
  await expect(page.getByRole("heading", { name: "Connect your meter" })).toBeVisible();
  await expect(page.getByText("Today so far")).toHaveCount(0);
  await expect(page.getByText(demoSessions.upcoming, { exact: true })).toBeVisible();
  await expect(page.getByText(/^Starts in /)).toBeVisible();
  await screenshot(page, "03-home-new-household");

  await page.getByRole("button", { name: `Join ${demoSessions.upcoming}` }).tap();
  await expect(page.getByRole("alert")).toHaveText("not eligible: no meter is linked to the household");
  await screenshot(page, "04-not-eligible");
});

test("a household with meter history joins the next session from Sessions and leaves it again", async ({ page, request }) => {
  const title = uniqueName("Evening peak");
  await announceSession(request, title, 3);
  const past = await pastSessions(request, accounts.simulated);

  await signIn(page, accounts.simulated);
  await expect(page.getByText("Next Saving Session")).toBeVisible();
  await screenshot(page, "05-home");

  await page.getByRole("tab", { name: "Sessions" }).tap();
  await expect(page.getByRole("tab", { name: "Upcoming", selected: true })).toBeVisible();
  await page.getByRole("button", { name: `Join ${title}` }).tap();
  await expect(page.getByRole("button", { name: `Leave ${title}` })).toBeVisible();
  await expect(page.getByText("You have joined this session.").first()).toBeVisible();
  await screenshot(page, "06-sessions-joined");

  await page.getByRole("button", { name: `Leave ${title}` }).tap();
  await expect(page.getByRole("button", { name: `Join ${title}` })).toBeVisible();

  // The demo household took part in the demo's past sessions and in the live one.
  await page.getByRole("tab", { name: "Past" }).tap();
  await expect(page.getByRole("button", { name: /^Result of / })).toHaveCount(Math.min(past.length, SESSIONS_LISTED));
  await expect(page.getByRole("button", { name: `Result of ${demoSessions.provisional}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Result of ${demoSessions.settled}` })).toBeVisible();
  await page.getByRole("tab", { name: "Live" }).tap();
  await expect(page.getByRole("button", { name: /^Follow / })).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Follow ${demoSessions.live}` })).toBeVisible();
});

test("a sign-in survives a reload, Energy and Profile show the household's data, a wrong current password is pointed out, and signing out returns to Welcome", async ({
  page,
}) => {
  await signIn(page, accounts.consumer, "07-sign-in");
  await page.reload();
  await expect(page.getByText("Today so far")).toBeVisible();
  // The consumer's meter has weeks of history: today is compared with a usual day.
  await expect(page.getByText(/^A usual day by .+: [\d.,]+\skWh$/)).toBeVisible();

  await page.getByRole("tab", { name: "Energy" }).tap();
  await expect(page.getByRole("tab", { name: "Today", selected: true })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Hourly", selected: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /^24 bars of an hour each/ })).toBeVisible();
  // The demo consumer's meter reports every quarter hour.
  await page.getByRole("tab", { name: "15 min" }).tap();
  await expect(page.getByRole("img", { name: /^96 bars of 15 minutes each/ })).toBeVisible();
  await screenshot(page, "08-consumption-today-fine");
  await page.getByRole("tab", { name: "7 days" }).tap();
  await expect(page.getByRole("img", { name: /^7 bars of a day each/ })).toBeVisible();
  await expect(page.getByRole("tablist", { name: "Detail" })).toHaveCount(0);
  await screenshot(page, "09-consumption-week");

  await page.getByRole("tab", { name: "Profile" }).tap();
  await expect(page.getByText("Meter CY-DEMO-0001", { exact: false })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Nicosia" })).toHaveAttribute("aria-checked", "true");
  await screenshot(page, "10-profile");

  // The server's field error lands beside the field it is about (the password stays as it was).
  await page.getByRole("button", { name: "Change password" }).tap();
  await page.getByLabel("Current password").fill("not the password at all");
  await page.getByLabel("New password").fill("sun on the solar panels");
  await page.getByRole("button", { name: "Change password" }).tap();
  await expect(page.getByRole("alert")).toHaveText("current password is not correct");
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "false");
  await screenshot(page, "11-change-password-field-error");
  await page.getByRole("link", { name: "Profile, back" }).tap();

  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).tap();
  await expect(page.getByRole("button", { name: "Create an account" })).toBeVisible();
});

test("the printed consumer finds every screen filled: the session to join, the live one, a provisional and a final result, and its Green Points", async ({
  page,
  request,
}) => {
  const provisional = await pastResult(request, accounts.consumer, demoSessions.provisional);
  const settled = await pastResult(request, accounts.consumer, demoSessions.settled);
  expect([provisional.status, settled.status]).toEqual(["provisional", "final"]);
  const { balance, entries } = await greenPoints(request, accounts.consumer);
  for (const session of [provisional, settled]) expectDemoPayment(session, entries);
  // Latest first, as the app lists them.
  const listed = (await pastSessions(request, accounts.consumer)).slice(0, SESSIONS_LISTED);
  const points = (n: number) => `Green Points earned: ${n.toLocaleString("en-US")} points`;

  await signIn(page, accounts.consumer);
  await expect(page.getByText(demoSessions.upcoming, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Join ${demoSessions.upcoming}` })).toBeVisible();
  await expect(page.getByLabel(`Balance: ${balance.toLocaleString("en-US")} points`)).toBeVisible();
  await screenshot(page, "11a-consumer-home");

  await page.getByRole("tab", { name: "Sessions" }).tap();
  await expect(page.getByRole("tab", { name: "Upcoming", selected: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Join ${demoSessions.upcoming}` })).toBeVisible();

  await page.getByRole("tab", { name: "Past" }).tap();
  await expect(page.getByRole("button", { name: /^Result of / })).toHaveCount(listed.length);
  // Each session says what it paid: sessions that paid the same say the same.
  for (const paid of new Set(listed.map((session) => session.points_earned))) {
    const sessions = listed.filter((session) => session.points_earned === paid).length;
    await expect(page.getByText(points(paid), { exact: true })).toHaveCount(sessions);
  }
  await screenshot(page, "11b-consumer-past");
  await page.getByRole("button", { name: `Result of ${demoSessions.provisional}` }).tap();
  await expect(page.getByText("Provisional: it may change as late meter data arrives.", { exact: true })).toBeVisible();
  await expect(page.getByLabel(points(provisional.points_earned))).toBeVisible();
  // The consumer's meter has not sent the session's last hour yet.
  const rows = page.getByRole("table", { name: "Usual and actual use per half hour" }).getByRole("row");
  await expect(rows).toHaveCount(5);
  for (const [row, waiting] of [[1, false], [2, false], [3, true], [4, true]] as const) {
    if (waiting) await expect(rows.nth(row)).toContainText("waiting");
    else await expect(rows.nth(row)).not.toContainText("waiting");
  }
  await screenshot(page, "11c-consumer-provisional");

  await page.getByRole("link", { name: "Saving Sessions, back" }).tap();
  await page.getByRole("tab", { name: "Past" }).tap();
  await page.getByRole("button", { name: `Result of ${demoSessions.settled}` }).tap();
  await expect(page.getByText("Final result.", { exact: true })).toBeVisible();
  await expect(page.getByLabel(points(settled.points_earned))).toBeVisible();
  await expect(page.getByText(resultSaving(settled.saved), { exact: true })).toBeVisible();
  await expect(page.getByText(`${percent(settled.percent)} of your usual use`, { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Saving Sessions, back" }).tap();
  await page.getByRole("tab", { name: "Live" }).tap();
  await page.getByRole("button", { name: `Follow ${demoSessions.live}` }).tap();
  await expect(page.getByText("You took part.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Live now", exact: true })).toBeVisible();
  await screenshot(page, "11d-consumer-live");
});

test("a household follows the demo's live session from its stream and watches it update when its meter's readings arrive", async ({
  page,
  request,
  baseURL,
}) => {
  const session = await householdSession(request, accounts.simulated, "live", demoSessions.live);
  /** The page shows the saving the server's stream reports now (the simulator's readings may move it meanwhile). */
  async function showsServerSaving(): Promise<string> {
    let shown = "";
    await expect(async () => {
      shown = liveSaving(await liveSaved(request, baseURL ?? "", accounts.simulated, session.id));
      await expect(page.getByText(shown, { exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    return shown;
  }

  await signIn(page, accounts.simulated);
  await page.getByRole("tab", { name: "Sessions" }).tap();
  await page.getByRole("tab", { name: "Live" }).tap();
  const stream = page.waitForResponse((response) => /\/api\/v1\/sessions\/[^/]+\/live$/.test(response.url()));
  await page.getByRole("button", { name: `Follow ${demoSessions.live}` }).tap();
  expect((await stream).status()).toBe(200);
  await expect(page.getByText("You took part.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Live now", exact: true })).toBeVisible();
  await expect(page.getByText("Live: updates as your meter readings arrive.")).toBeVisible();
  // Households that took part use 10–40 % less while a demo session runs, yet a half hour can
  // come out above the baseline: the page says exactly what the server's stream says.
  const savedBefore = await showsServerSaving();
  await expect(page.getByRole("img", { name: /half-hour periods/ })).toBeVisible();
  const table = page.getByRole("table", { name: "Usual and actual use per half hour" });
  await expect(table).toContainText("kWh");
  // The session began before the server started: its first half hour's readings are all in.
  const firstPeriod = table.getByRole("row").nth(1);
  await expect(firstPeriod).not.toContainText("waiting");
  await screenshot(page, "12-live-session");

  // The utility's meter data system sends corrected readings for that half hour: the server
  // pushes the new figures and the page shows them without a reload.
  // The app keeps a number and its unit together with a no-break space.
  const rowBefore = ((await firstPeriod.textContent()) ?? "").replace(/\s+/g, " ");
  // A value the row does not show yet, so the change is the upload's.
  const perQuarter = [0.04, 0.06, 0.07].find((kwh) => !rowBefore.includes(`${(2 * kwh).toFixed(2)} kWh`)) ?? 0.09;
  const start = Date.parse(session.starts_at);
  await uploadReadings(request, await dataSourceKey(request), SIMULATED_METER, [start, start + QUARTER_HOUR], perQuarter);
  await expect(firstPeriod).toContainText(`${(2 * perQuarter).toFixed(2)} kWh`);
  expect(await showsServerSaving()).not.toBe(savedBefore);
  expect(page.url()).toContain("/app");
  await screenshot(page, "13-live-session-updated");
});

test("the demo household opens the settled demo session's result: kWh and % saved against its baseline and the points earned", async ({
  page,
  request,
}) => {
  const session = await pastResult(request, accounts.simulated, demoSessions.settled);
  expectDemoPayment(session, (await greenPoints(request, accounts.simulated)).entries);
  await signIn(page, accounts.simulated);
  await page.getByRole("tab", { name: "Sessions" }).tap();
  await page.getByRole("tab", { name: "Past" }).tap();
  await expect(page.getByText(`Green Points earned: ${session.points_earned.toLocaleString("en-US")} points`).first()).toBeVisible();
  await page.getByRole("button", { name: `Result of ${demoSessions.settled}` }).tap();

  await expect(page.getByRole("heading", { name: "Your result" })).toBeVisible();
  await expect(page.getByText("Final result.", { exact: true })).toBeVisible();
  await expect(page.getByText(resultSaving(session.saved), { exact: true })).toBeVisible();
  await expect(page.getByText(`${percent(session.percent)} of your usual use`, { exact: true })).toBeVisible();
  await expect(page.getByLabel(`Green Points earned: ${session.points_earned.toLocaleString("en-US")} points`)).toBeVisible();
  await expect(page.getByRole("img", { name: "Your use against your usual use over 4 half-hour periods." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Usual and actual use per half hour" }).getByRole("row")).toHaveCount(5);
  await screenshot(page, "14-past-result");
});

test("the demo household sees the Green Points paid for the demo sessions, on Home and in its history", async ({ page, request }) => {
  const { balance, entries } = await greenPoints(request, accounts.simulated);
  const count = (reason: LedgerEntry["reason"]) => entries.filter((entry) => entry.reason === reason).length;
  await signIn(page, accounts.simulated);
  await expect(page.getByLabel(`Balance: ${balance.toLocaleString("en-US")} points`)).toBeVisible();
  await screenshot(page, "15-home-points");

  await page.getByRole("button", { name: "Green Points history" }).tap();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  const shown = page.getByLabel(/^(Opt-in bonus|Session savings|Streak bonus|Badge), \+[\d,]+ points?$/);
  await expect(shown).not.toHaveCount(0);
  await screenshot(page, "16-points-history");
  // Newest first, a page at a time: older pages until the whole ledger is there.
  for (let before = await shown.count(); before < entries.length; before = await shown.count()) {
    await page.getByRole("button", { name: "Show older entries" }).tap();
    await expect(shown).not.toHaveCount(before);
  }
  await expect(page.getByRole("button", { name: "Show older entries" })).toHaveCount(0);
  await expect(shown).toHaveCount(entries.length);
  await expect(page.getByLabel("Opt-in bonus, +10 points", { exact: true })).toHaveCount(count("opt_in_bonus"));
  await expect(page.getByLabel(/^Session savings, \+[\d,]+ points?$/)).toHaveCount(count("session_savings"));
  await expect(page.getByLabel("Streak bonus, +50 points", { exact: true })).toHaveCount(count("streak_bonus"));
  await expect(page.getByLabel(/^Badge, \+[\d,]+ points?$/)).toHaveCount(count("badge"));
});

test.describe("on a large screen", () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false });

  test("the content stays a readable, centred column instead of stretching across the window", async ({ page }) => {
    await signIn(page, accounts.simulated);
    await expect(page.getByText("Next Saving Session")).toBeVisible();
    const box = await page.getByRole("button", { name: "All sessions" }).boundingBox();
    expect(box).not.toBeNull();
    if (box) {
      // At most the 720 px column less its padding, centred in the 1280 px window.
      expect(box.width).toBeLessThanOrEqual(720);
      expect(box.width).toBeGreaterThan(500);
      expect(Math.abs(box.x + box.width / 2 - 640)).toBeLessThanOrEqual(2);
    }
    await screenshot(page, "17-large-screen-home");
  });
});
