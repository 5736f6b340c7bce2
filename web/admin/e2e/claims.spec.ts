import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts, expectAccessible, registerHousehold, screenshot, signInAsStaff } from "./support";

// A household claims a meter from its bill and the claim waits for staff: one with an account
// number one digit off, one for a meter another household holds. The demo register gives every
// simulated meter CY-SIM-<index> the account number "9" and the index in nine digits.

/** Signs a new household up and claims `meter` with `account`; the server must put it in review. */
async function claimInReview(request: APIRequestContext, name: string, meter: string, account: string) {
  const household = await registerHousehold(request, name);
  const login = await request.post("/api/v1/auth/login", {
    data: { email: household.email, password: "green garden grows" },
  });
  expect(login.status(), await login.text()).toBe(200);
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}` };
  const consent = await request.get("/api/v1/me/consent", { headers });
  expect(consent.status(), await consent.text()).toBe(200);
  const { version } = (await consent.json()) as { version: string };
  const claim = await request.post("/api/v1/me/meter-claims", {
    headers,
    data: { meter_id: meter, account_number: account, consent_version: version },
  });
  expect(claim.status(), await claim.text()).toBe(202);
  const { status } = (await claim.json()) as { status: string };
  expect(status).toBe("review");
  return household;
}

test("an admin rejects a claim in review with a note, and it leaves the queue", async ({ page, request }) => {
  // One digit off the account number of CY-SIM-0000003 (9000000003).
  const guesser = await claimInReview(request, "Guesser", "CY-SIM-0000003", "9000000004");
  // The right account number of a meter a demo household holds.
  const neighbour = await claimInReview(request, "Neighbour", "CY-SIM-0000002", "9000000002");

  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meter claims" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meter claims" })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/claims$/);
  await expect(page.getByLabel("Show")).toHaveValue("review");

  const queue = page.getByRole("table", { name: "Meter claims" });
  const guess = queue.getByRole("row").filter({ has: page.getByRole("link", { name: guesser.display_name }) });
  const held = queue.getByRole("row").filter({ has: page.getByRole("link", { name: neighbour.display_name }) });
  await expect(guess).toContainText("CY-SIM-0000003");
  await expect(guess).toContainText("9000000004");
  await expect(guess).toContainText("Account number one digit off, or several tries");
  await expect(held).toContainText("Another household holds this meter");
  await expectAccessible(page, "the claims queue");
  await screenshot(page, "70-claims");

  await guess.getByRole("button", { name: "Reject the claim on CY-SIM-0000003" }).click();
  const dialog = page.getByRole("dialog", { name: "Reject the claim on CY-SIM-0000003?" });
  await dialog.getByRole("button", { name: "Reject claim" }).click();
  await expect(dialog.getByLabel("Note")).toBeFocused();
  await expect(dialog.getByText("Write a note before deciding.")).toBeVisible();
  await expectAccessible(page, "the decision dialog");
  await dialog.getByLabel("Note").fill("the account number is not on the bill we were sent");
  await dialog.getByRole("button", { name: "Reject claim" }).click();

  await expect(page.getByRole("status").filter({ hasText: "The claim on CY-SIM-0000003 is rejected." })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(guess).toHaveCount(0);
  await expect(held).toHaveCount(1);

  // Among the rejected claims, with its note.
  await page.getByLabel("Show").selectOption("rejected");
  await expect(guess).toContainText("Rejected");
  await expect(guess).toContainText("Note: the account number is not on the bill we were sent");

  // The household's page: it never held a meter.
  await guess.getByRole("link", { name: guesser.display_name }).click();
  const history = page.getByRole("region", { name: "Meter history" });
  await expect(history).toContainText("This household has never held a meter.");
});

test("the System page shows the customer register and the claims waiting for review", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System" }).click();
  const register = page.getByRole("region", { name: "Customer register" });
  await expect(register.getByRole("term")).toHaveText([
    "Meters in the register",
    "Last import from",
    "Last imported",
    "Lines stored",
    "Lines refused",
    "Claims waiting for review",
  ]);
  await expect(register).toContainText("demo register");
  await expect(register.getByRole("definition").first()).toHaveText(/^[1-9]/);
  await register.getByRole("link", { name: /claims?: review|None: open the meter claims/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meter claims" })).toBeVisible();
});
