import { expect, test } from "@playwright/test";
import { accounts, registerHousehold, screenshot, signIn, signInAsStaff } from "./support";

test("an admin finds a household, links a meter, and disables and enables the account", async ({ page, request }) => {
  const household = await registerHousehold(request, "Andreas");
  const meterId = `E2E-${household.unique}`.toUpperCase();

  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  // Newest first: the demo households registered after the demo accounts fill the first page.
  await expect(page.getByRole("table", { name: "Users" })).toContainText("@demo.powersave.local");
  await screenshot(page, "04-users");

  // The column headers sort on the server, the whole list and not just this page.
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("columnheader", { name: "Registered" })).toHaveAttribute("aria-sort", "descending");
  await users.getByRole("button", { name: "E-mail" }).click();
  await expect(users.getByRole("columnheader", { name: "E-mail" })).toHaveAttribute("aria-sort", "ascending");
  await expect(page).toHaveURL(/[?&]sort=email\b/);
  const emails = users.getByRole("row").locator("td:nth-child(2)");
  await expect(emails.first()).toHaveText("admin@powersave.local");
  const listed = await emails.allTextContents();
  expect(listed).toEqual([...listed].sort());
  await users.getByRole("button", { name: "E-mail" }).click();
  await expect(users.getByRole("columnheader", { name: "E-mail" })).toHaveAttribute("aria-sort", "descending");
  await expect(emails.first()).not.toHaveText("admin@powersave.local");
  await screenshot(page, "04a-users-sorted");

  await page.getByLabel("Search users").fill(household.email);
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row")).toHaveCount(2); // header + the one match
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–1 of 1");
  await table.getByRole("link", { name: household.display_name }).click();

  await expect(page.getByRole("heading", { level: 1, name: household.display_name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Meters" })).toContainText("No meters are linked");

  // The server's field errors appear next to the field they are about.
  await page.getByLabel("Meter id").fill("not a meter!");
  await page.getByRole("button", { name: "Link meter", exact: true }).click();
  await expect(page.getByLabel("Meter id")).toHaveAccessibleDescription(/meter id must be/);

  await page.getByLabel("Meter id").fill(meterId);
  await page.getByLabel("Interval").selectOption("30");
  await page.getByRole("button", { name: "Link meter", exact: true }).click();
  const meters = page.getByRole("table", { name: "Linked meters" });
  await expect(meters.getByRole("row", { name: new RegExp(meterId) })).toContainText("30 minutes");

  const account = page.getByRole("region", { name: "Account" });
  await account.getByRole("button", { name: "Disable account" }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${household.display_name}'s account?` });
  await expect(dialog).toBeVisible();
  await screenshot(page, "05-user-disable-confirmation");
  await dialog.getByRole("button", { name: "Disable account" }).click();
  await expect(dialog).toBeHidden();
  await expect(account).toContainText("Disabled since");
  await expect(account.getByRole("button", { name: "Enable account" })).toBeVisible();
  await screenshot(page, "06-user-disabled");

  // The list knows the meter id too, and shows the new status.
  await page.getByRole("link", { name: "All users" }).click();
  await page.getByLabel("Search users").fill(meterId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("row", { name: new RegExp(household.display_name) })).toContainText("Disabled");
  await table.getByRole("link", { name: household.display_name }).click();

  await account.getByRole("button", { name: "Enable account" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Enable account" }).click();
  await expect(account).toContainText("Active");
  await expect(account.getByRole("button", { name: "Disable account" })).toBeVisible();

  await meters.getByRole("button", { name: `Unlink meter ${meterId}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unlink meter" }).click();
  await expect(page.getByRole("region", { name: "Meters" })).toContainText("No meters are linked");
});

test("only a superadmin is offered the role control", async ({ page, request }) => {
  const household = await registerHousehold(request, "Maria");

  await signInAsStaff(page, accounts.admin);
  await page.goto(`/admin/users/${household.id}`);
  await expect(page.getByRole("heading", { level: 1, name: household.display_name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Role" })).toHaveCount(0);
  await expect(page.getByLabel("New role")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  // Signing in again returns to the page that was open.
  await signIn(page, accounts.superadmin);
  await expect(page.getByRole("heading", { level: 1, name: household.display_name })).toBeVisible();
  const role = page.getByRole("region", { name: "Role" });
  await expect(role.getByLabel("New role")).toHaveValue("consumer");
  await screenshot(page, "08-user-superadmin");

  await role.getByLabel("New role").selectOption("admin");
  await role.getByRole("button", { name: "Change role" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(role.getByRole("status")).toContainText("is now admin");
  await expect(page.getByRole("region", { name: "Account" })).toContainText("Admin");
});
