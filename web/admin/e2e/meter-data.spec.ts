import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts, screenshot, signInAsStaff } from "./support";

/** The start of the last whole 15-minute interval, in RFC 3339 without fractions. */
function lastQuarterHour(): string {
  const quarter = 15 * 60 * 1000;
  return new Date(Math.floor(Date.now() / quarter) * quarter - quarter).toISOString().replace(".000Z", "Z");
}

function upload(request: APIRequestContext, apiKey: string, readings: unknown[]) {
  return request.post("/api/v1/meter-readings", {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { readings },
  });
}

test("a superadmin connects a meter data system with a new key, sees what it sent and revokes the key", async ({
  page,
  request,
  context,
}) => {
  const name = `e2e-mdm-${Date.now().toString(36)}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAsStaff(page, accounts.superadmin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meter data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meter data" })).toBeVisible();
  const sources = page.getByRole("table", { name: "Data sources" });
  await expect(sources.getByRole("row", { name: /^simulator/ })).toContainText("Simulator");
  await screenshot(page, "09-meter-data");

  // The server's field errors appear next to the field they are about.
  const form = page.getByRole("region", { name: "New data source" });
  await form.getByLabel("Name").fill("not/a/name");
  await form.getByRole("button", { name: "Create data source" }).click();
  await expect(form.getByLabel("Name")).toHaveAccessibleDescription(/name must be/);

  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create data source" }).click();
  const created = page.getByRole("group", { name: `Data source ${name} is created` });
  const keyField = created.getByLabel(`API key for ${name}`);
  await expect(keyField).toHaveValue(/^psk_/);
  await expect(keyField).toHaveAccessibleDescription(/will not be shown again/);
  const apiKey = await keyField.inputValue();
  await created.getByRole("button", { name: "Copy key" }).click();
  await expect(created.getByRole("status")).toHaveText("The key is on the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);
  await screenshot(page, "10-meter-data-new-key");

  await created.getByRole("button", { name: "I have stored the key" }).click();
  await expect(created).toBeHidden();
  await expect(page.locator(`input[value="${apiKey}"]`)).toHaveCount(0);
  const row = sources.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(row).toContainText("API upload");
  await expect(row).toContainText("Never");

  // The meter data system uploads one good reading and one for a meter nobody knows.
  const intervalStart = lastQuarterHour();
  const answer = await upload(request, apiKey, [
    { meter_id: "CY-DEMO-0001", interval_start: intervalStart, kwh: 0.25 },
    { meter_id: "CY-E2E-UNKNOWN", interval_start: intervalStart, kwh: 0.25 },
  ]);
  expect(answer.status(), await answer.text()).toBe(200);
  const report = (await answer.json()) as {
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    rejects: { index: number | null; meter_id: string | null; reason: string }[];
  };
  expect(report.inserted + report.updated + report.unchanged).toBe(1);
  expect(report.rejected).toBe(1);
  expect(report.rejects).toEqual([
    expect.objectContaining({ index: 1, meter_id: "CY-E2E-UNKNOWN", reason: "unknown meter CY-E2E-UNKNOWN" }),
  ]);

  await page.getByRole("button", { name: "Refresh" }).click();
  // Cells after the name: kind, last reading, lag, readings today, rejects today, status.
  const cells = row.getByRole("cell");
  await expect(cells.nth(3)).toHaveText("1");
  await expect(cells.nth(4)).toHaveText("1");
  await expect(cells.nth(1)).not.toHaveText("Never");
  await expect(cells.nth(2)).toHaveText(/minute|second/);
  await expect(cells.nth(5)).toHaveText("Active");

  // Refused uploads are answered to the sender; they do not become dead letters.
  const deadLetters = page.getByRole("region", { name: "Dead letters" });
  await deadLetters.getByLabel("Source").selectOption({ label: name });
  await expect(deadLetters.getByRole("status")).toHaveText("No dead letters from this source.");
  await screenshot(page, "11-meter-data-after-upload");

  await row.getByRole("button", { name: `Revoke the API key of ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke the API key of ${name}?` });
  await expect(dialog).toBeVisible();
  await screenshot(page, "12-meter-data-revoke-confirmation");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`The API key of ${name} is revoked.`)).toBeVisible();
  await expect(cells.nth(5)).toHaveText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);

  await page.reload();
  await expect(cells.nth(3)).toHaveText("1");
  await expect(cells.nth(5)).toHaveText("Revoked");
  await screenshot(page, "13-meter-data-revoked");

  const refused = await upload(request, apiKey, [{ meter_id: "CY-DEMO-0001", interval_start: intervalStart, kwh: 0.25 }]);
  expect(refused.status()).toBe(401);
  expect(await refused.text()).toContain("unknown or revoked API key");
});

test("an admin watches the meter data but is offered no key controls", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.goto("/admin/meter-data");
  await expect(page.getByRole("heading", { level: 1, name: "Meter data" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Data sources" }).getByRole("row", { name: /^simulator/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Dead letters" })).toBeVisible();
  await expect(page.getByRole("region", { name: "New data source" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expect(page.getByText("A superadmin creates data sources and revokes their API keys.")).toBeVisible();
});
