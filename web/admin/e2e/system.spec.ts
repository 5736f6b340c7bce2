import { expect, test } from "@playwright/test";
import { accounts, screenshot, signInAsStaff } from "./support";

test("an admin checks the system's health and scores the baseline methods on recent days", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "System" })).toBeVisible();

  const health = page.getByRole("region", { name: "Health" });
  const database = health.getByRole("group", { name: "Database" });
  await expect(database).toContainText("OK");
  await expect(database).toContainText("SQLite");
  const queue = health.getByRole("group", { name: "Job queue" });
  await expect(queue.getByRole("term")).toHaveText(["Waiting", "Running", "Failed"]);
  await expect(queue.getByRole("definition")).toHaveText([/^\d/, /^\d/, /^\d/]);
  await expect(health.getByRole("group", { name: "MQTT listener" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Failed jobs" })).toBeVisible();
  await screenshot(page, "21-system");

  // Computed on opening; then again, on demand, over two weeks.
  const accuracy = page.getByRole("region", { name: "Baseline accuracy" });
  const table = accuracy.getByRole("table", { name: "Baseline accuracy" });
  const likeDays = table.getByRole("row", { name: /^Like days like-days / });
  await expect(likeDays).toBeVisible({ timeout: 30_000 });
  await accuracy.getByLabel("Days").fill("14");
  await accuracy.getByRole("button", { name: "Compute" }).click();
  await expect(accuracy.getByText(/over the last 14 days/)).toBeVisible({ timeout: 30_000 });
  await expect(likeDays.getByRole("cell").first()).toHaveText(/^[1-9]/);
  await screenshot(page, "22-system-accuracy");
});
