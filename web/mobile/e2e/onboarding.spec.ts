import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, unclaimedMeter, uniqueName } from "./support";

// A visitor signs up, is asked on Home to connect a meter, connects the demo's first unclaimed
// simulated meter with the numbers of its bill (the demo's customer register), and Home then
// follows the meter: its history is there already, so it is either building the days sessions
// need (with the server's explanation) or ready.

/** axe-core (WCAG 2 A and AA) finds nothing on the page as it is now. */
async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const found = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
  expect(found, `axe WCAG violations on ${name}`).toEqual([]);
}

const accountLabel = "Account number (on your electricity bill, next to your name and address)";
const meterLabel = "Meter number (on your electricity bill, in the meter details, e.g. CY-SIM-0000041)";

test("a new visitor signs up, connects the demo's unclaimed meter from its bill's numbers, and Home follows the meter", async ({ page }) => {
  const meter = unclaimedMeter(1);
  await page.goto("/app/");
  await page.getByRole("button", { name: "Create an account" }).tap();
  await page.getByLabel("Name shown to others").fill("Maria");
  await page.getByLabel("E-mail").fill(`${uniqueName("onboarding")}@e2e.example`);
  await page.getByLabel("Password").fill("green garden grows");
  await page.getByRole("button", { name: "Create account" }).tap();

  await expect(page.getByRole("heading", { name: "Connect your meter" })).toBeVisible();
  await expect(page.getByText("Today so far")).toHaveCount(0);
  await screenshot(page, "onboarding-01-home-connect");

  await page.getByRole("button", { name: "Connect your meter" }).tap();
  await expect(page.getByText(/^I agree that PowerSave reads my meter's consumption readings/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "I agree" })).toHaveAttribute("aria-checked", "false");
  await expectAccessible(page, "connect");
  await screenshot(page, "onboarding-02-connect");

  await page.getByLabel(accountLabel).fill(meter.accountNumber);
  await page.getByLabel(meterLabel).fill(meter.meterId);
  // Not agreed yet: nothing is sent, and the checkbox says why.
  await page.getByRole("button", { name: "Connect meter" }).tap();
  await expect(page.getByRole("alert")).toHaveText("Tick “I agree” to connect your meter.");
  await expectAccessible(page, "connect-consent-needed");

  await page.getByRole("checkbox", { name: "I agree" }).tap();
  await expect(page.getByRole("checkbox", { name: "I agree" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("button", { name: "Connect meter" }).tap();

  await expect(page.getByText("Your meter is connected. We are fetching its recent readings.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Connect your meter" })).toHaveCount(0);
  // Back on Home itself, not on a second Home stacked over the Connect screen.
  await expect(page.getByRole("link", { name: /, back$/ })).toHaveCount(0);
  // The meter's simulated history is there: Home builds toward the first session, or is ready.
  await expect(page.getByRole("heading", { name: "Getting ready for Saving Sessions" }).or(page.getByRole("heading", { name: "Today so far" })).first()).toBeVisible();
  await screenshot(page, "onboarding-03-home-connected");

  await page.getByRole("tab", { name: "Profile" }).tap();
  await expect(page.getByText(`Meter ${meter.meterId}: a reading every 15 minutes`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Withdraw consent for meter ${meter.meterId}` })).toBeVisible();
  await expectAccessible(page, "profile-connected");
});

test("in Greek: a visitor who signs up in Ελληνικά is asked for the meter in Greek, and the Connect screen passes axe", async ({ page }) => {
  await page.goto("/app/");
  await page.getByRole("button", { name: "Create an account" }).tap();
  await page.getByRole("radio", { name: "Ελληνικά" }).tap();
  await page.getByLabel("Όνομα που βλέπουν οι άλλοι").fill("Μαρία");
  await page.getByLabel("Email").fill(`${uniqueName("onboarding-el")}@e2e.example`);
  await page.getByLabel("Κωδικός πρόσβασης").fill("green garden grows");
  await page.getByRole("button", { name: "Δημιουργία λογαριασμού", exact: true }).tap();

  await expect(page.getByRole("heading", { name: "Συνδέστε τον μετρητή σας" })).toBeVisible();
  await page.getByRole("button", { name: "Σύνδεση μετρητή", exact: true }).tap();
  await expect(page.getByText(/^Συμφωνώ το PowerSave να διαβάζει/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Συμφωνώ" })).toHaveAttribute("aria-checked", "false");
  await expect(page.locator("html")).toHaveAttribute("lang", "el");
  await page.getByLabel(/^Αριθμός λογαριασμού/).fill(unclaimedMeter(2).accountNumber);
  await page.getByLabel(/^Αριθμός μετρητή/).fill(unclaimedMeter(2).meterId);
  await page.getByRole("button", { name: "Σύνδεση μετρητή", exact: true }).tap();
  await expect(page.getByRole("alert")).toHaveText("Επιλέξτε «Συμφωνώ» για να συνδέσετε τον μετρητή σας.");
  await expectAccessible(page, "el-connect");
  await screenshot(page, "onboarding-04-connect-el");
});
