import { expect, test } from "@playwright/test";
import { accounts, screenshot, signInAsStaff } from "./support";

/** A free hour-long slot, 2–9 days ahead (more than the day of notice a regular session needs). */
function slot() {
  const day = new Date(Date.now() + (2 + Math.floor(Math.random() * 8)) * 86_400_000).toISOString().slice(0, 10);
  // Daytime hours, clear of the night-time clock changes and of Cyprus midnight (a session must
  // stay within one local day) in whatever zone the browser runs; a random half hour too.
  const hour = 6 + Math.floor(Math.random() * 12);
  const minute = Math.random() < 0.5 ? "00" : "30";
  const at = (h: number) => `${day}T${String(h).padStart(2, "0")}:${minute}`;
  return { start: at(hour), end: at(hour + 1), endBeforeStart: at(hour - 1) };
}

test("an admin plans a session, announces it and cancels it", async ({ page }) => {
  const title = `E2E peak ${Date.now().toString(36)}`;
  const when = slot();

  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  await page.getByRole("link", { name: "New session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New session" })).toBeVisible();

  // First with the end before the start: the server's message appears beside the end.
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Start").fill(when.start);
  await page.getByLabel("End", { exact: true }).fill(when.endBeforeStart);
  await page.getByRole("radio", { name: "Households in chosen districts" }).check();
  await page.getByRole("checkbox", { name: "Nicosia" }).check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByLabel("End", { exact: true })).toHaveAccessibleDescription(/a session lasts 30 to 240 minutes/);
  await expect(page.getByRole("alert")).toContainText("Could not save the session");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByRole("checkbox", { name: "Nicosia" })).toBeChecked();
  await screenshot(page, "14-session-validation");

  await page.getByLabel("End", { exact: true }).fill(when.end);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Plan" })).toContainText("Households in Nicosia");
  const sessionUrl = page.url();

  // A draft can still be edited: the form opens with its plan.
  await page.getByRole("region", { name: "Actions" }).getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${title}` })).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await page.getByLabel("Description", { exact: true }).fill("Use less between the hours of the peak.");
  // The Greek texts households reading Greek see instead; staff see both on the session's page.
  await page.getByLabel("Title (Greek)").fill("Βραδινή αιχμή");
  await page.getByLabel("Description (Greek)").fill("Λιγότερη κατανάλωση τις ώρες αιχμής.");
  await screenshot(page, "15a-session-edit");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(sessionUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Plan" })).toContainText("Title (Greek)Βραδινή αιχμή");
  await expect(page.getByRole("region", { name: "Plan" })).toContainText("Λιγότερη κατανάλωση τις ώρες αιχμής.");

  // Listed as a draft.
  await page.getByRole("link", { name: "All sessions" }).click();
  await page.getByLabel("State").selectOption("draft");
  const row = page.getByRole("table", { name: "Sessions" }).getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Draft");
  // Sorted on the server by the column headers: latest start first until told otherwise.
  const sessions = page.getByRole("table", { name: "Sessions" });
  await expect(sessions.getByRole("columnheader", { name: "When" })).toHaveAttribute("aria-sort", "descending");
  await sessions.getByRole("button", { name: "Title" }).click();
  await expect(page).toHaveURL(/[?&]sort=title\b/);
  await expect(sessions.getByRole("columnheader", { name: "Title" })).toHaveAttribute("aria-sort", "ascending");
  await expect(row).toContainText("Draft");
  await screenshot(page, "15-sessions");
  await row.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(sessionUrl);

  const actions = page.getByRole("region", { name: "Actions" });
  await actions.getByRole("button", { name: "Announce" }).click();
  await page.getByRole("dialog", { name: `Announce ${title}?` }).getByRole("button", { name: "Announce" }).click();
  await expect(actions.getByRole("status")).toHaveText("The session is announced.");
  await expect(page.getByRole("main")).toContainText("Scheduled");
  await expect(page.getByRole("region", { name: "Plan" })).not.toContainText("Not yet");
  await screenshot(page, "16-session-scheduled");

  await actions.getByRole("button", { name: "Cancel session" }).click();
  const dialog = page.getByRole("dialog", { name: `Cancel ${title}?` });
  await screenshot(page, "17-session-cancel-confirmation");
  await dialog.getByRole("button", { name: "Cancel session" }).click();
  await expect(actions.getByRole("status")).toHaveText("The session is cancelled.");
  await expect(actions.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Results" })).toContainText(
    "Results appear here once the session has been settled",
  );

  await page.getByRole("link", { name: "All sessions" }).click();
  await page.getByLabel("State").selectOption("cancelled");
  await expect(page.getByRole("table", { name: "Sessions" }).getByRole("row", { name: new RegExp(title) })).toContainText(
    "Cancelled",
  );
});
