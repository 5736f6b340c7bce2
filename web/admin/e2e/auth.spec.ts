import { expect, test } from "@playwright/test";
import { accounts, screenshot, signIn, signInAsStaff } from "./support";

test("an admin signs in, sees the programme's figures and stays signed in after a reload", async ({ page }) => {
  await page.goto("/admin/");
  await expect(page.getByRole("heading", { name: "Sign in to the admin dashboard" })).toBeVisible();
  await screenshot(page, "01-sign-in");

  await signInAsStaff(page, accounts.admin);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(page.getByText("Signed in as")).toContainText("Demo Admin");
  for (const label of ["Households registered", "Households active (30 days)", "Meters reporting (24 hours)", "Accounts disabled", "Staff accounts"]) {
    await expect(page.getByRole("group", { name: label })).toContainText(/\d/);
  }
  await screenshot(page, "02-overview");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText("Signed in as")).toContainText("Demo Admin");
});

test("a household account is refused with a clear message", async ({ page }) => {
  await signIn(page, accounts.consumer);
  await expect(page.getByRole("alert")).toContainText("This dashboard is for utility staff");
  await expect(page.getByRole("heading", { name: "Sign in to the admin dashboard" })).toBeVisible();
  await screenshot(page, "03-consumer-refused");

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Sign in to the admin dashboard" })).toBeVisible();
});

test("a wrong password shows the server's explanation", async ({ page }) => {
  await signIn(page, { email: accounts.admin.email, password: "not the password" });
  await expect(page.getByRole("alert")).toContainText("invalid email or password");
});

test("signing out ends the sign-in on the server and in the browser", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  const logout = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/logout"));
  await page.getByRole("button", { name: "Sign out" }).click();
  expect((await logout).status()).toBe(204);
  await expect(page.getByRole("heading", { name: "Sign in to the admin dashboard" })).toBeVisible();

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Sign in to the admin dashboard" })).toBeVisible();
  await screenshot(page, "07-signed-out");
});

test("reloading a deep link keeps the page", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible({ timeout: 3_000 });
});
