import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { accounts, screenshot, token } from "./support";

// The app in Greek and in English against the real server: the demo consumer walks every tab
// and a session's result, each screen reads in its language, and axe-core finds no WCAG 2 A or
// AA violation on any of them.

/** The demo's sessions as a Greek account reads them (the demo gives each a Greek title). */
const greekSessions = {
  upcoming: "Επίδειξη: Βραδινή αιχμή (αύριο)",
  settled: "Επίδειξη: Βραδινή αιχμή (προχθές)",
} as const;

/** What axe-core found, rule by rule, with the elements each rule flags. */
function found(results: Awaited<ReturnType<AxeBuilder["analyze"]>>) {
  return results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
}

/**
 * axe-core on the page as it is now: no WCAG 2.0/2.1 level A or AA violation, and — axe's
 * best-practice landmark rules — one main landmark with all content inside landmarks.
 */
async function expectAccessible(page: Page, name: string) {
  const wcag = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(found(wcag), `axe WCAG violations on ${name}`).toEqual([]);
  const landmarks = await new AxeBuilder({ page })
    .withRules(["landmark-one-main", "landmark-no-duplicate-main", "region", "landmark-unique"])
    .analyze();
  expect(found(landmarks), `axe landmark violations on ${name}`).toEqual([]);
  await screenshot(page, `lang-${name}`);
}

/** The demo consumer's account language, set through the API (PATCH /me). */
async function setAccountLanguage(request: APIRequestContext, language: "el" | "en") {
  const response = await request.patch("/api/v1/me", {
    headers: { authorization: `Bearer ${await token(request, accounts.consumer)}` },
    data: { language },
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(((await response.json()) as { language: string }).language).toBe(language);
}

// Other tests sign in as the same consumer and read English: the account goes back to English.
test.afterEach(async ({ request }) => {
  await setAccountLanguage(request, "en");
});

test("in Greek: the sign-in screen switches to Ελληνικά, and every screen of the demo consumer reads in Greek and passes axe", async ({
  page,
  request,
}) => {
  // The account speaks Greek, so after signing in the account's language keeps the app in Greek.
  await setAccountLanguage(request, "el");

  await page.goto("/app/");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page.getByRole("radiogroup", { name: "Language" })).toBeVisible();
  await page.getByRole("radio", { name: "Ελληνικά" }).tap();
  await expect(page.getByRole("radiogroup", { name: "Γλώσσα" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Σύνδεση" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "el");
  await expectAccessible(page, "el-sign-in");

  await page.getByLabel("Email").fill(accounts.consumer.email);
  await page.getByLabel("Κωδικός πρόσβασης").fill(accounts.consumer.password);
  await page.getByRole("button", { name: "Σύνδεση" }).tap();
  await expect(page.getByRole("heading", { name: "Σήμερα μέχρι τώρα" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Επόμενη Περίοδος Εξοικονόμησης" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Πράσινοι Πόντοι" })).toBeVisible();
  await expect(page.getByText(greekSessions.upcoming, { exact: true })).toBeVisible();
  await expect(page.getByText(/^Μια συνηθισμένη ημέρα μέχρι τις \d\d:\d\d: [\d.]+,\d\d\skWh$/)).toBeVisible();
  await expect(page).toHaveTitle("Αρχική · PowerSave");
  await expectAccessible(page, "el-home");

  await page.getByRole("tab", { name: "Περίοδοι" }).tap();
  await expect(page.getByRole("heading", { name: "Περίοδοι Εξοικονόμησης" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Επερχόμενες", selected: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Συμμετέχω: ${greekSessions.upcoming}` })).toBeVisible();
  await expectAccessible(page, "el-sessions");

  await page.getByRole("tab", { name: "Προηγούμενες" }).tap();
  await page.getByRole("button", { name: `Αποτέλεσμα: ${greekSessions.settled}` }).tap();
  await expect(page.getByRole("heading", { name: "Το αποτέλεσμά σας" })).toBeVisible();
  await expect(page.getByText("Οριστικό αποτέλεσμα.", { exact: true })).toBeVisible();
  await expect(page.getByText(/^(Εξοικονομήσατε|Καταναλώσατε) [\d.]+,\d\d\skWh/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Συνήθης και πραγματική κατανάλωση ανά μισάωρο" })).toBeVisible();
  await expectAccessible(page, "el-session-result");
  await page.getByRole("link", { name: "Επιστροφή: Περίοδοι Εξοικονόμησης" }).tap();

  await page.getByRole("tab", { name: "Ενέργεια" }).tap();
  await expect(page.getByRole("heading", { name: "Η κατανάλωσή σας" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Σήμερα", selected: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /^24 ράβδοι μίας ώρας η καθεμία, συνολικά [\d.]+,\d\d\skWh\./ })).toBeVisible();
  await expectAccessible(page, "el-energy");

  await page.getByRole("tab", { name: "Προφίλ" }).tap();
  await expect(page.getByRole("heading", { name: "Λογαριασμός" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Νοικοκυριό" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Λευκωσία" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "Ελληνικά" })).toHaveAttribute("aria-checked", "true");
  await expectAccessible(page, "el-profile");

  await page.getByRole("button", { name: "Ιστορικό Πράσινων Πόντων" }).tap();
  await expect(page.getByRole("heading", { name: "Ιστορικό" })).toBeVisible();
  await expect(page.getByLabel(/^Μπόνους συμμετοχής, \+10 πόντοι$/).first()).toBeVisible();
  await expectAccessible(page, "el-points");
});

test("in English every screen of the demo consumer passes axe too, and Profile switches the account to Greek", async ({ page, request }) => {
  await page.goto("/app/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page, "en-welcome");
  await page.getByRole("button", { name: "Create an account" }).tap();
  await expect(page.getByLabel("Name shown to others")).toBeVisible();
  await expectAccessible(page, "en-register");
  await page.goto("/app/");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expectAccessible(page, "en-sign-in");

  await page.getByLabel("E-mail").fill(accounts.consumer.email);
  await page.getByLabel("Password").fill(accounts.consumer.password);
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page.getByRole("heading", { name: "Today so far" })).toBeVisible();
  await expect(page.getByText(/^A usual day by \d\d:\d\d: [\d,]+\.\d\d\skWh$/)).toBeVisible();
  await expectAccessible(page, "en-home");

  await page.getByRole("tab", { name: "Sessions" }).tap();
  await expect(page.getByRole("tab", { name: "Upcoming", selected: true })).toBeVisible();
  await expectAccessible(page, "en-sessions");
  await page.getByRole("tab", { name: "Live" }).tap();
  await page.getByRole("button", { name: /^Follow / }).tap();
  await expect(page.getByRole("heading", { name: "Live now", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Usual and actual use per half hour" })).toBeVisible();
  await expectAccessible(page, "en-session-live");
  await page.getByRole("link", { name: "Saving Sessions, back" }).tap();
  await page.getByRole("tab", { name: "Past" }).tap();
  await page.getByRole("button", { name: /^Result of / }).first().tap();
  await expect(page.getByRole("heading", { name: "Your result" })).toBeVisible();
  await expectAccessible(page, "en-session-result");
  await page.getByRole("link", { name: "Saving Sessions, back" }).tap();

  await page.getByRole("tab", { name: "Energy" }).tap();
  await expect(page.getByRole("img", { name: /^24 bars of an hour each/ })).toBeVisible();
  await expectAccessible(page, "en-energy");
  await page.getByRole("tab", { name: "7 days" }).tap();
  await expect(page.getByRole("img", { name: /^7 bars of a day each/ })).toBeVisible();
  await expectAccessible(page, "en-energy-week");

  await page.getByRole("tab", { name: "Profile" }).tap();
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await expectAccessible(page, "en-profile");
  await page.getByRole("button", { name: "Change password" }).tap();
  await expect(page.getByLabel("Current password")).toBeVisible();
  await expectAccessible(page, "en-change-password");
  await page.getByRole("link", { name: "Profile, back" }).tap();
  await page.getByRole("button", { name: "Green Points history" }).tap();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expectAccessible(page, "en-points");
  await page.getByRole("link", { name: "Profile, back" }).tap();

  // Choosing Ελληνικά in Profile changes the account on the server, and the app follows it.
  await page.getByRole("radio", { name: "Ελληνικά" }).tap();
  await expect(page.getByText("Η εφαρμογή και τα μηνύματα που λαμβάνετε είναι πλέον στα Ελληνικά.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Αποσύνδεση" })).toBeVisible();
  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${await token(request, accounts.consumer)}` } });
  expect(((await me.json()) as { language: string }).language).toBe("el");
});
