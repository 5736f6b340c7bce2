import { expect, test } from "@playwright/test";
import { accounts, screenshot, signInAsStaff } from "./support";

const demoSession = "Demo: Evening peak (two days ago)";

test("an admin sees the kWh saved per session the demo settled before the server started answering", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  const section = page.getByRole("region", { name: "kWh saved per session" });
  const chart = section.getByRole("figure", { name: "kWh saved per session" });
  const row = chart.getByRole("table", { name: "kWh saved per session" }).getByRole("row", { name: demoSession });
  await expect(row).toBeAttached();

  // Cells after the title: date, saved, status, participants, points issued.
  await expect(row.getByRole("cell").nth(1)).toHaveText(/ kWh$/);
  await expect(row.getByRole("cell").nth(2)).toHaveText("Final");
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(chart.getByText(/^Session date \(.+\)$/)).toBeVisible();
  await expect(page.getByRole("group", { name: "kWh saved (last 30 days)" })).toContainText(/\d/);
  await screenshot(page, "02b-overview-sessions");
});

test("an admin sees the programme's meters, sessions, points and consumption at a glance", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  // The simulator delivers the demo households' readings: their meters report.
  await expect(page.getByRole("group", { name: "Meters reporting (24 hours)" })).toContainText(/[1-9]/);
  await expect(page.getByRole("group", { name: "Live session" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Green Points issued" })).toContainText(/in the last 30 days/);

  const consumption = page.getByRole("region", { name: "Programme consumption" });
  const daily = consumption.getByRole("figure", { name: "Programme consumption per day, in kWh" });
  await expect(daily).toBeVisible();
  await expect(daily.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(daily.getByText(/^Day \(.+\)$/)).toBeVisible();
  await expect(consumption.getByRole("group", { name: "Total" })).toContainText("kWh");
  await consumption.getByLabel("Last 48 hours, hourly").check();
  await expect(consumption.getByRole("figure", { name: "Programme consumption per hour, in kWh" })).toBeVisible();
  await screenshot(page, "02c-overview-consumption");
});
