import AxeBuilder from "@axe-core/playwright";
import { test } from "@playwright/test";
import { accounts, signIn } from "./support";

async function audit(page: import("@playwright/test").Page, name: string) {
  await page.waitForTimeout(1500);
  const r = await new AxeBuilder({ page }).analyze();
  for (const v of r.violations) console.log(name, v.id, v.tags.join(","), v.nodes.map((n) => n.target.join(" ") + " :: " + n.html.slice(0, 200)).join("\n   "));
}
test("probe", async ({ page }) => {
  await page.goto("/app/");
  await audit(page, "welcome");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await audit(page, "signin");
  await signIn(page, accounts.consumer);
  await audit(page, "home");
  await page.getByRole("tab", { name: "Sessions" }).tap();
  await audit(page, "sessions");
  await page.getByRole("tab", { name: "Past" }).tap();
  await page.getByRole("button", { name: /^Result of / }).first().tap();
  await audit(page, "detail");
  await page.getByRole("tab", { name: "Energy" }).tap();
  await audit(page, "energy");
  await page.getByRole("tab", { name: "Profile" }).tap();
  await audit(page, "profile");
});
