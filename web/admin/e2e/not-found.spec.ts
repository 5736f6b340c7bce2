import { expect, test } from "@playwright/test";
import { accounts, screenshot, signInAsStaff } from "./support";

test("an address the dashboard does not know says so and leads back to the overview", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.goto("/admin/no-such-screen");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle(/^Not found/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await screenshot(page, "23-not-found");

  await page.getByRole("link", { name: "Go to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});
