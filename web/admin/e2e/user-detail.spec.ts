import { expect, test } from "@playwright/test";
import { DEFAULT_PAGE_SIZE } from "../src/lib/paging";
import { accounts, demoPassword, expectWholeLedger, householdRecord, screenshot, signInAsStaff } from "./support";

const demoHousehold = { email: "household-0001@demo.powersave.local", password: demoPassword };

test("an admin sees a demo household's consumption, the sessions it joined and its Green Points", async ({ page, request }) => {
  const household = await householdRecord(request, demoHousehold);
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Search users").fill(demoHousehold.email);
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
  // The demo settled its past sessions before the server answered: the opt-in bonus for each,
  // savings for those where the household used less than its baseline, streak bonuses and badges.
  await expect(points.getByRole("group", { name: "Balance" })).toContainText(`${household.balance.toLocaleString("en-US")} points`);
  await expectWholeLedger(points, household.ledger);
  // The live session and the past ones, a page at a time.
  const joined = sessions.getByRole("table", { name: "Sessions joined" });
  await expect(joined.getByRole("row")).toHaveCount(1 + Math.min(DEFAULT_PAGE_SIZE, 1 + household.past.length));
  await screenshot(page, "08b-user-detail");

  const first = joined.getByRole("row").nth(1).getByRole("link");
  const title = (await first.textContent()) ?? "";
  await first.click();
  await expect(page).toHaveURL(/\/admin\/sessions\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});
