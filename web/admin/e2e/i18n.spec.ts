import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { accounts, expectAccessible, screenshot, signIn } from "./support";

// The dashboard in Greek and in English: the sign-in page's choice, then the account's own
// language (kept on the server by the header's switch), each main screen's headings, and no
// WCAG 2 A/AA violation that axe-core finds on any of them.

type Words = {
  language: string;
  nav: string;
  overview: string;
  sessions: string;
  plan: string;
  actions: string;
  users: string;
  account: string;
  claimsLink: string;
  claims: string;
  meterData: string;
  system: string;
};

const greek: Words = {
  language: "Γλώσσα",
  nav: "Κύρια πλοήγηση",
  overview: "Επισκόπηση",
  sessions: "Περίοδοι Εξοικονόμησης",
  plan: "Σχέδιο",
  actions: "Ενέργειες",
  users: "Χρήστες",
  account: "Λογαριασμός",
  claimsLink: "Αιτήματα μετρητών",
  claims: "Αιτήματα σύνδεσης μετρητών",
  meterData: "Δεδομένα μετρητών",
  system: "Σύστημα",
};

const english: Words = {
  language: "Language",
  nav: "Main",
  overview: "Overview",
  sessions: "Sessions",
  plan: "Plan",
  actions: "Actions",
  users: "Users",
  account: "Account",
  claimsLink: "Meter claims",
  claims: "Meter claims",
  meterData: "Meter data",
  system: "System",
};

const navLinks = (words: Words) =>
  [words.overview, words === greek ? "Περίοδοι" : words.sessions, words.users, words.meterData, words.system] as const;

/** The account's language back to English through the API, so the other tests meet the demo as it was. */
async function resetLanguage(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", { data: accounts.admin });
  expect(login.status(), await login.text()).toBe(200);
  const { access_token } = (await login.json()) as { access_token: string };
  const patched = await request.patch("/api/v1/me", {
    data: { language: "en" },
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(patched.status(), await patched.text()).toBe(200);
}

async function openFromNav(page: Page, words: Words, link: string, heading: string) {
  await page.getByRole("navigation", { name: words.nav }).getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** Overview, sessions and one session, users and one user, meter claims, meter data and system, each checked by axe. */
async function walkScreens(page: Page, words: Words, lang: string) {
  const [overview, sessions, users, meterData, system] = navLinks(words);
  await expect(page.getByRole("heading", { level: 1, name: words.overview })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page).toHaveTitle(new RegExp(`^${words.overview} · `));
  await expectAccessible(page, "overview");
  await screenshot(page, `60-${lang}-overview`);

  await openFromNav(page, words, sessions, words.sessions);
  const list = page.getByRole("table", { name: words.sessions });
  await expect(list.getByRole("row").nth(1)).toBeVisible();
  await expectAccessible(page, "sessions");
  await screenshot(page, `61-${lang}-sessions`);

  await list.getByRole("row").nth(1).getByRole("link").click();
  await expect(page.getByRole("region", { name: words.plan })).toBeVisible();
  await expect(page.getByRole("region", { name: words.actions })).toBeVisible();
  await expectAccessible(page, "a session");
  await screenshot(page, `62-${lang}-session`);

  await openFromNav(page, words, users, words.users);
  const people = page.getByRole("table", { name: words.users });
  await expect(people.getByRole("row").nth(1)).toBeVisible();
  await expectAccessible(page, "users");
  await people.getByRole("row").nth(1).getByRole("link").click();
  await expect(page.getByRole("region", { name: words.account })).toBeVisible();
  await expectAccessible(page, "a user");
  await screenshot(page, `63-${lang}-user`);

  await openFromNav(page, words, words.claimsLink, words.claims);
  await expectAccessible(page, "meter claims");

  await openFromNav(page, words, meterData, words.meterData);
  await expectAccessible(page, "meter data");
  await openFromNav(page, words, system, words.system);
  await expectAccessible(page, "system");
  await screenshot(page, `64-${lang}-system`);
  await openFromNav(page, words, overview, words.overview);
}

test.describe("the dashboard in two languages", () => {
  test.afterEach(async ({ request }) => resetLanguage(request));

  test("staff choose Greek on the sign-in page, keep it on their account, and every screen is Greek and accessible", async ({
    page,
    browser,
  }) => {
    await page.goto("/admin/signin");
    await page.getByLabel("Language").selectOption({ label: "Ελληνικά" });
    await expect(page.getByRole("heading", { level: 1, name: "Σύνδεση στον πίνακα διαχείρισης" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "el");
    await expectAccessible(page, "sign-in");
    await screenshot(page, "59-el-signin");

    // The choice outlives a reload of the sign-in page.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Σύνδεση στον πίνακα διαχείρισης" })).toBeVisible();
    await page.getByLabel("Email").fill(accounts.admin.email);
    await page.getByLabel("Κωδικός πρόσβασης").fill(accounts.admin.password);
    await page.getByRole("button", { name: "Σύνδεση" }).click();

    // The demo admin's account reads English: once signed in, the account's language applies.
    await expect(page.getByRole("heading", { level: 1, name: english.overview })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    // The header's switch changes the account's language on the server, and the dashboard with it.
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH");
    await page.getByLabel(english.language).selectOption("el");
    expect((await saved).status()).toBe(200);
    await walkScreens(page, greek, "el");

    // Another browser, whose sign-in page is in English, signs in to the account's Greek.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await signIn(other, accounts.admin);
    await expect(other.getByRole("heading", { level: 1, name: greek.overview })).toBeVisible();
    await other.getByLabel(greek.language).selectOption("en");
    await expect(other.getByRole("heading", { level: 1, name: english.overview })).toBeVisible();
    await elsewhere.close();
  });

  test("in English, every main screen is accessible", async ({ page }) => {
    await signIn(page, accounts.admin);
    await walkScreens(page, english, "en");
  });
});
