import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { problem } from "../../test/fakeApi";
import { pointsEntry, pointsPage } from "../../test/fixtures";
import { householdProgress, newHouseholdProgress } from "../../test/progressFixtures";
import { openUserPage, userId, userPageServer } from "../../test/userPage";

const progressPath = `/admin/users/${userId}/progress`;
const rebuildPath = `${progressPath}/recompute`;
const pointsPath = `/admin/users/${userId}/points`;

async function progressSection() {
  const section = screen.getByRole("region", { name: "Progress" });
  await within(section).findByRole("group", { name: "Level" });
  return section;
}

/** Each row of a table as the text of its cells. */
function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => Array.from(row.children, (cell) => cell.textContent ?? ""));
}

describe("a household's progress", () => {
  it("shows its level, Green Garden and streak with their units", async () => {
    userPageServer();
    await openUserPage();
    const section = await progressSection();
    expect(within(section).getByRole("group", { name: "Level" })).toHaveTextContent("SaplingLevel 3, reached 20 Jun 2026");
    expect(within(section).getByRole("group", { name: "Lifetime points" })).toHaveTextContent("1,250 points");
    expect(within(section).getByRole("group", { name: "Next level" })).toHaveTextContent(
      "1,250 points to goTree (level 4) at 2,500 points",
    );
    expect(within(section).getByRole("group", { name: "Garden health" })).toHaveTextContent(
      "ThrivingSaved in 2 of the last 3 sessions open to it",
    );
    expect(within(section).getByRole("group", { name: "kWh saved" })).toHaveTextContent("18.5 kWh");
    expect(within(section).getByRole("group", { name: "CO₂ avoided" })).toHaveTextContent("13.9 kg CO₂");
    expect(within(section).getByRole("group", { name: "Trees for a year" })).toHaveTextContent(
      "What 0.63 trees absorb in a year, at 22 kg CO₂ each",
    );
    expect(rowsOf(within(section).getByRole("table", { name: "Plants by stage" }))).toEqual([
      ["Seed", "1"],
      ["Sprout", "1"],
      ["Young plant", "0"],
      ["Mature plant", "1"],
      ["Blooming", "1"],
      ["All plants", "4"],
    ]);
    expect(within(section).getByRole("group", { name: "Current streak" })).toHaveTextContent(
      "4 sessionsStreak bonus of 50 points after 2 more successful sessions",
    );
    expect(within(section).getByRole("group", { name: "Best streak" })).toHaveTextContent("6 sessions");
    expect(within(section).getByRole("group", { name: "Streak shields" })).toHaveTextContent("1 of 2");
    expect(within(section).getByText(/^Levels and badges last evaluated 20 Jun 2026, 19:35/)).toBeInTheDocument();
  });

  it("tells earned badges, with their dates, from those still to earn, with how far it is", async () => {
    userPageServer();
    await openUserPage();
    const section = await progressSection();
    expect(within(section).getByText("2 of 3 badges earned")).toBeInTheDocument();
    const badges = within(section).getByRole("table", { name: "Badges" });
    expect(rowsOf(badges)).toEqual([
      ["First savingSave in a session for the first time.", "12 Jun 2026", "1 of 1 session", "20"],
      ["Three in a rowSave in three sessions in a row.", "20 Jun 2026", "3 of 3 sessions", "50"],
      ["50 kWh savedSave 50 kWh in sessions, all together.", "Not yet", "18.5 of 50 kWh", "100"],
    ]);
  });

  it("says so when the household has no plants and no badges yet", async () => {
    userPageServer({ [`GET ${progressPath}`]: () => ({ body: newHouseholdProgress() }) });
    await openUserPage();
    const section = await progressSection();
    expect(
      within(section).getByText(
        "This household has no plants and no badges yet: they come with the first session it saves in.",
      ),
    ).toBeInTheDocument();
    expect(within(section).getByRole("group", { name: "Level" })).toHaveTextContent("SeedlingLevel 1");
    expect(within(section).getByText("Levels and badges not evaluated yet")).toBeInTheDocument();
    expect(within(section).queryByRole("table")).not.toBeInTheDocument();
    expect(within(section).queryByRole("group", { name: "Garden health" })).not.toBeInTheDocument();
  });

  it("names the top level when there is none above", async () => {
    const top = householdProgress();
    userPageServer({
      [`GET ${progressPath}`]: () => ({
        body: { ...top, level: { ...top.level, number: 6, key: "forest", name: "Forest", next: null } },
      }),
    });
    await openUserPage();
    const section = await progressSection();
    expect(within(section).getByRole("group", { name: "Next level" })).toHaveTextContent(
      "Top level reachedThere is no level above Forest.",
    );
  });

  it("queues a rebuild after a confirmation, says it was queued and reloads the progress and the ledger", async () => {
    let rebuilt = false;
    const api = userPageServer({
      [`GET ${progressPath}`]: () => ({
        body: rebuilt ? householdProgress({ evaluated_at: "2026-06-21T09:00:00Z" }) : householdProgress(),
      }),
      [`GET ${pointsPath}`]: () => ({ body: rebuilt ? pointsPage([pointsEntry({ points: 20, reason: "badge" })], 20) : pointsPage() }),
      [`POST ${rebuildPath}`]: () => {
        rebuilt = true;
        return { status: 202, body: { queued: true } };
      },
    });
    await openUserPage();
    const section = await progressSection();
    await userEvent.click(within(section).getByRole("button", { name: "Rebuild progress" }));
    const dialog = screen.getByRole("dialog", { name: "Rebuild Eleni's progress?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(api.callsTo("POST", rebuildPath)).toHaveLength(0);

    await userEvent.click(within(section).getByRole("button", { name: "Rebuild progress" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Rebuild progress" }));
    expect(await within(section).findByRole("status")).toHaveTextContent("The rebuild is queued.");
    expect(api.callsTo("POST", rebuildPath)).toHaveLength(1);
    expect(await within(section).findByText(/^Levels and badges last evaluated 21 Jun 2026, 12:00/)).toBeInTheDocument();
    expect(api.callsTo("GET", progressPath)).toHaveLength(2);
    const ledger = await screen.findByRole("table", { name: "Green Points ledger" });
    expect(within(ledger).getByRole("rowheader", { name: "Badge" })).toBeInTheDocument();
  });

  it("shows the server's reason when it refuses the rebuild", async () => {
    userPageServer({ [`POST ${rebuildPath}`]: () => problem(403, "staff only") });
    await openUserPage();
    const section = await progressSection();
    await userEvent.click(within(section).getByRole("button", { name: "Rebuild progress" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Rebuild progress" }));
    const alert = await within(section).findByRole("alert");
    expect(alert).toHaveTextContent("Could not queue the rebuild");
    expect(alert).toHaveTextContent("staff only");
  });

  it("explains a failure to load", async () => {
    userPageServer({ [`GET ${progressPath}`]: () => problem(404, "no such user") });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Progress" });
    const alert = await within(section).findByRole("alert");
    expect(alert).toHaveTextContent("Could not load the progress");
    expect(alert).toHaveTextContent("no such user");
  });
});
