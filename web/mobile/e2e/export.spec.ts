import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { accounts, signIn } from "./support";

test("a household downloads the readings it sees on Energy as CSV, headed in its language", async ({ page }) => {
  await signIn(page, accounts.consumer);
  await page.getByRole("tab", { name: "Energy" }).tap();
  await expect(page.getByRole("img", { name: /^24 bars of an hour each/ })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download these readings (CSV)" }).tap();
  const file = await download;
  expect(file.suggestedFilename()).toBe("powersave-consumption.csv");
  const csv = await readFile((await file.path()) ?? "", "utf8");
  const [header, first] = csv.split("\n");
  expect(header).toBe("start,end,kwh,complete,estimated");
  // One line an hour, as the chart shows them (the e2e programme runs in a whole-hour zone).
  expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00[+-]\d{2}:00,[^,]+,\d+\.\d{3},(yes|no),(yes|no)$/);
});
