import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts, demoPassword, screenshot, signInAsStaff } from "./support";

const demoHousehold = "household-0001@demo.powersave.local";

/** How many of the demo household's past sessions paid savings beyond the 10-point opt-in bonus. */
async function savingSessions(request: APIRequestContext): Promise<number> {
  const login = await request.post("/api/v1/auth/login", { data: { email: demoHousehold, password: demoPassword } });
  expect(login.status(), await login.text()).toBe(200);
  const { access_token } = (await login.json()) as { access_token: string };
  const response = await request.get("/api/v1/sessions?when=past", { headers: { authorization: `Bearer ${access_token}` } });
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { points_earned: number }[] };
  expect(items).toHaveLength(2);
  return items.filter((session) => session.points_earned > 10).length;
}

test("an admin sees a demo household's consumption, the sessions it joined and its Green Points", async ({ page, request }) => {
  const saving = await savingSessions(request);
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
  // The demo settled both its past sessions before the server answered: the opt-in bonus for each,
  // and savings for those where the household used less than its baseline.
  const ledger = points.getByRole("table", { name: "Green Points ledger" });
  await expect(ledger.getByRole("row", { name: /Opt-in bonus/ })).toHaveCount(2);
  await expect(ledger.getByRole("row", { name: /Session savings/ })).toHaveCount(saving);
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
