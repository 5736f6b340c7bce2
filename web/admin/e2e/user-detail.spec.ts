import { expect, test } from "@playwright/test";
import { accounts, screenshot, signInAsStaff } from "./support";

const demoHousehold = "household-0001@demo.powersave.local";

test("an admin sees a demo household's consumption, the sessions it joined and its Green Points", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Search users").fill(demoHousehold);
  await page.getByRole("button", { name: "Search" }).click();
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row")).toHaveCount(2);
  await users.getByRole("link").first().click();
  await expect(page.getByRole("table", { name: "Linked meters" })).toContainText("CY-SIM-0000001");

  const consumption = page.getByRole("region", { name: "Consumption" });
  await expect(consumption.getByRole("figure", { name: "Consumption per hour, in kWh" })).toBeVisible();
  await expect(consumption.getByRole("group", { name: "Total" })).toContainText("kWh");
  await consumption.getByLabel("Last 30 days, daily").check();
  await expect(consumption.getByRole("figure", { name: "Consumption per day, in kWh" })).toBeVisible();

  const sessions = page.getByRole("region", { name: "Sessions joined" });
  const points = page.getByRole("region", { name: "Green Points" });
  // The demo settled both its past sessions before the server answered: savings and the opt-in
  // bonus for each.
  const ledger = points.getByRole("table", { name: "Green Points ledger" });
  await expect(ledger.getByRole("row", { name: /Opt-in bonus/ })).toHaveCount(2);
  await expect(ledger.getByRole("row", { name: /Session savings/ })).toHaveCount(2);
  await expect(points.getByRole("group", { name: "Balance" })).toContainText(/[1-9][\d,]* points/);
  // The live session and the two past ones.
  const joined = sessions.getByRole("table", { name: "Sessions joined" });
  await expect(joined.getByRole("row")).toHaveCount(4);
  await screenshot(page, "08b-user-detail");

  const first = joined.getByRole("row").nth(1).getByRole("link");
  const title = (await first.textContent()) ?? "";
  await first.click();
  await expect(page).toHaveURL(/\/admin\/sessions\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});
