import { expect, test } from "@playwright/test";
import { DEFAULT_PAGE_SIZE } from "../src/lib/paging";
import { accounts, expectWholeLedger, householdRecord, screenshot, signInAsStaff } from "./support";

// What the demo guarantees from the server's first answer (docs/DEMO.md): its sessions in every
// state, the consumer and 39 simulated households in all but the upcoming one.
const demo = {
  settled: "Demo: Evening peak (two days ago)",
  provisional: "Demo: Evening peak (yesterday)",
  live: "Demo: Grid stress (live now)",
  upcoming: "Demo: Evening peak (tomorrow)",
} as const;
const CONSUMER_METER = "CY-DEMO-0001";

test("an admin finds the demo programme filled from the start: overview, sessions and results", async ({ page }) => {
  await signInAsStaff(page, accounts.admin);
  const live = page.getByRole("group", { name: "Live session" });
  await expect(live.getByRole("link", { name: demo.live })).toBeVisible();
  await expect(live).toContainText("40 households joined");
  const saved = page.getByRole("table", { name: "kWh saved per session" });
  // Cells after the title: date, saved, status, participants, points issued.
  for (const [title, status] of [
    [demo.settled, "Final"],
    [demo.provisional, "Provisional (settling)"],
  ] as const) {
    const row = saved.getByRole("row", { name: title });
    await expect(row.getByRole("cell").nth(1)).toHaveText(/^[\d.,]+ kWh$/);
    await expect(row.getByRole("cell").nth(2)).toHaveText(status);
    await expect(row.getByRole("cell").nth(3)).toHaveText("40");
  }
  await screenshot(page, "30-demo-overview");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  const sessions = page.getByRole("table", { name: "Sessions" });
  // Cells after the title: when, state, participants.
  for (const [title, state, participants] of [
    [demo.upcoming, "Scheduled", "0"],
    [demo.live, "Live", "40"],
    [demo.provisional, "Provisional", "40"],
    [demo.settled, "Final", "40"],
  ] as const) {
    const row = sessions.getByRole("row", { name: title });
    await expect(row.getByRole("cell").nth(1)).toHaveText(state);
    await expect(row.getByRole("cell").nth(2)).toHaveText(participants);
  }
  await screenshot(page, "31-demo-sessions");

  await sessions.getByRole("link", { name: demo.provisional }).click();
  await expect(page.getByRole("heading", { level: 1, name: demo.provisional })).toBeVisible();
  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("group", { name: "Participants" })).toContainText("40");
  await expect(results.getByRole("table", { name: "Top savers" }).getByRole("row").nth(1)).toBeVisible();
  await screenshot(page, "32-demo-results");
});

test("an admin opens the demo consumer and finds its meter, its results and its Green Points", async ({ page, request }) => {
  const consumer = await householdRecord(request, accounts.consumer);
  // Latest first: yesterday's session (provisional for the consumer) and the one before it.
  expect(consumer.past.slice(0, 2).map((session) => session.title)).toEqual([demo.provisional, demo.settled]);
  await signInAsStaff(page, accounts.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Search users").fill(accounts.consumer.email);
  await page.getByRole("button", { name: "Search" }).click();
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row")).toHaveCount(2);
  await users.getByRole("link").first().click();
  await expect(page.getByRole("table", { name: "Linked meters" })).toContainText(CONSUMER_METER);

  // The live session (no result until it ends) and the past ones, latest first, a page at a time.
  const joined = page.getByRole("region", { name: "Sessions joined" }).getByRole("table", { name: "Sessions joined" });
  await expect(joined.getByRole("row")).toHaveCount(1 + Math.min(DEFAULT_PAGE_SIZE, 1 + consumer.past.length));
  // Cells after the title: when, state, result.
  for (const [n, title, state, result] of [
    [1, demo.live, "Live", "Pending"],
    [2, demo.provisional, "Provisional", "Provisional"],
    [3, demo.settled, "Final", "Final"],
  ] as const) {
    const row = joined.getByRole("row").nth(n);
    await expect(row.getByRole("link", { name: title })).toBeVisible();
    await expect(row.getByRole("cell").nth(1)).toHaveText(state);
    await expect(row.getByRole("cell").nth(2)).toHaveText(result);
  }

  const points = page.getByRole("region", { name: "Green Points" });
  await expect(points.getByRole("group", { name: "Balance" })).toContainText(`${consumer.balance.toLocaleString("en-US")} points`);
  // The first page of the ledger, newest first, then all of it: opt-in bonuses and savings of
  // the sessions, streak bonuses and badges, as many of each as the consumer's own API lists.
  const ledger = points.getByRole("table", { name: "Green Points ledger" });
  await expect(ledger.getByRole("row")).toHaveCount(1 + Math.min(DEFAULT_PAGE_SIZE, consumer.ledger.length));
  await expectWholeLedger(points, consumer.ledger);
  await screenshot(page, "33-demo-consumer");
});
