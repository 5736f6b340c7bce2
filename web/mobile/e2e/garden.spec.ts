import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { accounts, screenshot, signIn, token } from "./support";

// The demo household (docs/DEMO.md) has grown a garden in the demo's past sessions: it opens it
// from Home and finds every plant in the picture by its name, stage and planting day, its level
// with the points still to go, and its badges, earned ones with their day and the rest with how
// far along it is. What to expect is read from the server's own answer, as the app reads it.

/** The parts of `GET /me/progress` this test checks on the screen. */
interface Progress {
  level: { number: number; name: string; next?: { number: number; name: string; points_to_go: number } | null };
  garden: { plants: { species_name: string; stage: string; planted_on: string }[] };
  badges: { name: string; earned_at?: string | null }[];
}

/** The most plants the picture draws (src/features/garden/layout.ts). */
const MOST_PLANTS_SHOWN = 24;

/** axe-core (WCAG 2 A and AA) finds nothing on the page as it is now. */
async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const found = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
  expect(found, `axe WCAG violations on ${name}`).toEqual([]);
}

/** "3 December 2026" for a local day the server sends as YYYY-MM-DD. */
function calendarDate(date: string): string {
  return new Intl.DateTimeFormat("en-CY", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

test("the demo household opens its Green Garden from Home and finds its plants by name, its level and its badges", async ({ page, request }) => {
  const headers = { authorization: `Bearer ${await token(request, accounts.consumer)}` };
  const answer = await request.get("/api/v1/me/progress", { headers });
  expect(answer.status(), await answer.text()).toBe(200);
  const progress = (await answer.json()) as Progress;
  const household = (await (await request.get("/api/v1/me/household", { headers })).json()) as { time_zone: string };
  expect(progress.garden.plants.length).toBeGreaterThan(0);
  expect(progress.level.number).toBeGreaterThan(1);
  expect(progress.badges.some((badge) => badge.earned_at)).toBe(true);
  const levelName = `Level ${progress.level.number} · ${progress.level.name}`;

  await signIn(page, accounts.consumer);
  await expect(page.getByRole("heading", { name: "Green Garden" })).toBeVisible();
  await expect(page.getByText(levelName)).toBeVisible();
  await expect(page.getByText(/ to the next streak bonus of /)).toBeVisible();
  await page.getByRole("button", { name: "Open your Green Garden" }).scrollIntoViewIfNeeded();
  await screenshot(page, "garden-01-home");

  await page.getByRole("button", { name: "Open your Green Garden" }).tap();
  // A screen left behind in the stack stays in the page, hidden from the accessibility tree: look
  // in the screen shown (the only main landmark).
  const shown = page.getByRole("main");
  const plants = progress.garden.plants.length;
  const picture = shown.getByRole("figure", { name: new RegExp(`^Your Green Garden: (thriving|thirsty|wilting), ${plants} plants?`) });
  await expect(picture).toBeVisible();
  // Plants of one species and stage planted on the same day share a name: count each name.
  const named = new Map<string, number>();
  for (const plant of progress.garden.plants.slice(-MOST_PLANTS_SHOWN)) {
    const name = `${plant.species_name}, ${plant.stage}, planted ${calendarDate(plant.planted_on)}`;
    named.set(name, (named.get(name) ?? 0) + 1);
  }
  for (const [name, count] of named) {
    await expect(picture.getByRole("img", { name, exact: true })).toHaveCount(count);
  }
  await expect(picture.getByRole("img")).toHaveCount(Math.min(plants, MOST_PLANTS_SHOWN));
  await screenshot(page, "garden-02-picture");

  await expect(shown.getByText(levelName)).toBeVisible();
  const next = progress.level.next;
  if (next) {
    await expect(shown.getByRole("progressbar", { name: `Progress to level ${next.number}` })).toBeVisible();
    const toGo = `${next.points_to_go.toLocaleString("en-CY")} ${next.points_to_go === 1 ? "point" : "points"}`;
    await expect(shown.getByText(`${toGo} to go to level ${next.number}: ${next.name}`)).toBeVisible();
  }
  await expect(shown.getByText(/ kg CO₂ per kWh \(Cyprus grid\) /)).toBeVisible();
  await expectAccessible(page, "garden");

  await shown.getByRole("button", { name: "Your badges" }).tap();
  const earned = shown.getByRole("list", { name: "Earned" });
  await expect(earned).toBeVisible();
  const day = new Intl.DateTimeFormat("en-CY", { day: "numeric", month: "long", year: "numeric", timeZone: household.time_zone });
  for (const badge of progress.badges) {
    if (badge.earned_at) {
      const row = earned.getByRole("listitem").filter({ has: page.getByText(badge.name, { exact: true }) });
      await expect(row.getByText(`Earned ${day.format(new Date(badge.earned_at))}`)).toBeVisible();
    } else {
      await expect(shown.getByRole("progressbar", { name: `Progress to ${badge.name}`, exact: true })).toHaveAttribute("aria-valuetext", / of /);
    }
  }
  await screenshot(page, "garden-03-badges");
  await expectAccessible(page, "badges");
});
