import { expect, test } from "@playwright/test";
import { accounts, expectAccessible, screenshot, signInAsStaff } from "./support";

// The demo evaluates every demo household's progress at start-up: the demo consumer has a level
// above the first, plants and badges, and the programme's households spread over the levels.

test("an admin sees the demo consumer's level and badges on its page", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Search users").fill(accounts.consumer.email);
  await page.getByRole("button", { name: "Search" }).click();
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row")).toHaveCount(2);
  await users.getByRole("link").first().click();

  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByRole("group", { name: "Level", exact: true })).toContainText(/Level [2-6]\b/);
  await expect(progress.getByRole("group", { name: "Lifetime points" })).toContainText(/[1-9][\d,]* points/);
  await expect(progress.getByText(/^Levels and badges last evaluated /)).toBeVisible();
  await expect(progress.getByRole("table", { name: "Plants by stage" })).toBeVisible();
  await expect(progress.getByText(/^[1-9]\d* of \d+ badges earned$/)).toBeVisible();
  const badges = progress.getByRole("table", { name: "Badges", exact: true });
  // The header, then one row per badge of the catalogue, earned (with its date) or not yet.
  await expect(badges.getByRole("row")).toHaveCount(14);
  await expect(badges.getByRole("row").filter({ hasText: /\d{1,2} [A-Z][a-z]{2} \d{4}/ }).first()).toBeVisible();
  await expectAccessible(page, "a user's progress");
  await screenshot(page, "70-user-progress");
});

test("an admin sees the programme's households by level, garden health and badges awarded", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Progress" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Households with progress" })).toContainText(/[1-9]/);

  const chart = page.getByRole("region", { name: "Households by level" }).getByRole("figure", { name: "Households by level" });
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(chart.getByText("Households", { exact: true }).first()).toBeVisible();
  const levels = chart.getByRole("table", { name: "Households by level" });
  await expect(levels.getByRole("row")).toHaveCount(7);
  await expect(levels.getByRole("row", { name: /^1\. / })).toBeAttached();

  const health = page.getByRole("table", { name: "Garden health" });
  await expect(health.getByRole("row")).toHaveCount(4);
  await expect(health.getByRole("row", { name: /Thriving/ })).toContainText("%");
  const awarded = page.getByRole("table", { name: "Badges awarded" });
  await expect(awarded.getByRole("row")).toHaveCount(14);
  await expectAccessible(page, "the programme's progress");
  await screenshot(page, "71-programme-progress");
});
