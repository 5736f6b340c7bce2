import { expect, test } from "@playwright/test";
import { accounts, announceSession, screenshot, signIn, uniqueName, waitForMeterHistory } from "./support";

// The demo server writes 90 days of simulated meter history as it starts; let that finish first.
test.beforeAll(async ({ request }) => {
  await waitForMeterHistory(request, accounts.simulated);
});

test("a new household registers, sees its field errors fixed, lands on Home and is told why it cannot join yet", async ({
  page,
  request,
}) => {
  const title = uniqueName("Registration peak");
  await announceSession(request, title, 2);
  const name = uniqueName("household");

  await page.goto("/app/");
  await expect(page.getByRole("heading", { name: "PowerSave" })).toBeVisible();
  await screenshot(page, "01-welcome");
  await page.getByRole("button", { name: "Create an account" }).tap();

  await page.getByLabel("Name shown to others").fill("Andreas");
  await page.getByLabel("E-mail").fill(`${name}@e2e.example`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).tap();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await screenshot(page, "02-register-field-error");

  await page.getByLabel("Password").fill("green garden grows");
  await page.getByRole("button", { name: "Create account" }).tap();
  await expect(page.getByText("Today so far")).toBeVisible();
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page.getByText(/Starts in/)).toBeVisible();
  await screenshot(page, "03-home-new-household");

  await page.getByRole("button", { name: `Join ${title}` }).tap();
  await expect(page.getByRole("alert")).toContainText(/eligib|meter/i);
  await screenshot(page, "04-not-eligible");
});

test("a household with meter history joins the next session from Sessions and leaves it again", async ({ page, request }) => {
  const title = uniqueName("Evening peak");
  await announceSession(request, title, 3);

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

  await page.getByRole("tab", { name: "Past" }).tap();
  await expect(page.getByText(/No past sessions yet|Result of/).first()).toBeVisible();
  await page.getByRole("tab", { name: "Live" }).tap();
  await expect(page.getByText(/No session is running now|Follow/).first()).toBeVisible();
});

test("a sign-in survives a reload, Energy and Profile show the household's data, and signing out returns to Welcome", async ({ page }) => {
  await signIn(page, accounts.consumer);
  await page.reload();
  await expect(page.getByText("Today so far")).toBeVisible();

  await page.getByRole("tab", { name: "Energy" }).tap();
  await expect(page.getByRole("tab", { name: "Today", selected: true })).toBeVisible();
  await page.getByRole("tab", { name: "7 days" }).tap();
  await expect(page.getByText(/in all|No meter readings/).first()).toBeVisible();
  await screenshot(page, "07-consumption-week");

  await page.getByRole("tab", { name: "Profile" }).tap();
  await expect(page.getByText("Meter CY-DEMO-0001", { exact: false })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Nicosia" })).toHaveAttribute("aria-checked", "true");
  await screenshot(page, "08-profile");

  await page.getByRole("button", { name: "Sign out" }).tap();
  await expect(page.getByRole("button", { name: "Create an account" })).toBeVisible();
});

test("a household follows the demo's live session from its stream: its usual use per half hour and its own as it arrives", async ({
  page,
}) => {
  await signIn(page, accounts.simulated);
  await page.getByRole("tab", { name: "Sessions" }).tap();
  await page.getByRole("tab", { name: "Live" }).tap();
  const stream = page.waitForResponse((response) => /\/api\/v1\/sessions\/[^/]+\/live$/.test(response.url()));
  await page.getByRole("button", { name: "Follow Demo: Grid stress (live now)" }).tap();
  expect((await stream).status()).toBe(200);
  await expect(page.getByText("You took part.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Live now", exact: true })).toBeVisible();
  await expect(page.getByText("Live: updates as your meter readings arrive.")).toBeVisible();
  await expect(page.getByText(/^(Saved so far: |So far ).*kWh/)).toBeVisible();
  await expect(page.getByRole("img", { name: /half-hour periods/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Usual and actual use per half hour" })).toContainText("kWh");
  await screenshot(page, "09-live-session");
});

test("the demo household sees the Green Points paid for the settled demo session, on Home and in its history", async ({ page }) => {
  // The job worker settles "Demo: Evening peak (two days ago)" and pays points soon after start-up.
  test.setTimeout(120_000);
  await signIn(page, accounts.simulated);
  const balance = page.getByLabel(/^Balance: [1-9][\d,.\s\u00a0\u202f]* points?$/);
  await expect(async () => {
    await page.reload();
    await expect(balance).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await balance.scrollIntoViewIfNeeded();
  await screenshot(page, "10-home-points");

  await page.getByRole("button", { name: "Green Points history" }).tap();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(page.getByLabel(/^(Session savings|Opt-in bonus|Streak bonus|Correction: .*), [+−]/).first()).toBeVisible();
  await screenshot(page, "11-points-history");
});
