import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RecomputedResult, Session } from "../../api/types";
import { problem } from "../../test/fakeApi";
import { joinedSession, joinedSessionPage, pointsEntry, pointsPage, session } from "../../test/fixtures";
import { openUserPage, userId, userPageServer } from "../../test/userPage";

const sessionsPath = `/admin/users/${userId}/sessions`;
const pointsPath = `/admin/users/${userId}/points`;
const recomputePath = `/admin/sessions/${session().id}/results/${userId}/recompute`;

function recomputed(overrides: Partial<RecomputedResult> = {}): RecomputedResult {
  return {
    status: "final",
    baseline_kwh: 3.2,
    actual_kwh: 2.2,
    saved_kwh: 1,
    data_complete: true,
    ledger_entries: 1,
    ...overrides,
  };
}

async function sessionsTable() {
  const section = screen.getByRole("region", { name: "Sessions joined" });
  return within(section).findByRole("table", { name: "Sessions joined" });
}

describe("recomputing a household's result", () => {
  it("is offered only for the ended sessions the household has a result in", async () => {
    const { result } = joinedSession();
    const at = (n: number, title: string, state: Session["state"], withResult: boolean) =>
      joinedSession({
        session: session({ id: `00000000-0000-7000-8000-0000000000${n}`, title, state }),
        result: withResult ? result : null,
      });
    const items = [
      at(61, "Scheduled peak", "scheduled", false),
      at(62, "Live peak", "live", true),
      at(63, "Settling peak", "settling", true),
      at(64, "Final peak", "final", true),
      at(65, "Unsettled peak", "final", false),
      at(66, "Called-off peak", "cancelled", false),
    ];
    userPageServer({ [`GET ${sessionsPath}`]: () => ({ body: joinedSessionPage(items) }) });
    await openUserPage();
    const table = await sessionsTable();
    const recomputes = within(table).getAllByRole("button", { name: /^Recompute result for / });
    expect(recomputes.map((button) => button.getAttribute("aria-label"))).toEqual([
      "Recompute result for Settling peak",
      "Recompute result for Final peak",
    ]);
  });

  it("posts to the session's result of this household, says what changed and reloads the table and ledger", async () => {
    let done = false;
    const before = joinedSession();
    const corrected = { ...before, result: before.result && { ...before.result, actual_kwh: 2.2, saved_kwh: 1 } };
    const api = userPageServer({
      [`GET ${sessionsPath}`]: () => ({ body: joinedSessionPage([done ? corrected : before]) }),
      [`GET ${pointsPath}`]: () => ({ body: done ? pointsPage([pointsEntry({ points: 20 })], 100) : pointsPage([], 80) }),
      [`POST ${recomputePath}`]: () => {
        done = true;
        return { body: recomputed() };
      },
    });
    await openUserPage();
    const table = await sessionsTable();
    const points = screen.getByRole("region", { name: "Green Points" });
    expect(await within(points).findByRole("group", { name: "Balance" })).toHaveTextContent("80 points");
    await userEvent.click(within(table).getByRole("button", { name: "Recompute result for Evening peak" }));
    expect(await within(table).findByRole("status")).toHaveTextContent(
      "Recomputed: a correcting entry was added to the points ledger",
    );
    expect(api.callsTo("POST", recomputePath)).toHaveLength(1);
    expect(await within(table).findByRole("cell", { name: "1 kWh" })).toBeInTheDocument();
    expect(await within(points).findByRole("group", { name: "Balance" })).toHaveTextContent("100 points");
    expect(within(table).getByRole("status")).toHaveTextContent("Recomputed: a correcting entry");
  });

  it("says when nothing changed", async () => {
    userPageServer({
      [`GET ${sessionsPath}`]: () => ({ body: joinedSessionPage([joinedSession()]) }),
      [`POST ${recomputePath}`]: () => ({ body: recomputed({ saved_kwh: 0.8, ledger_entries: 0 }) }),
    });
    await openUserPage();
    const table = await sessionsTable();
    await userEvent.click(within(table).getByRole("button", { name: "Recompute result for Evening peak" }));
    expect(await within(table).findByRole("status")).toHaveTextContent("Recomputed: no change");
  });

  it("shows the server's reason when it refuses", async () => {
    userPageServer({
      [`GET ${sessionsPath}`]: () => ({ body: joinedSessionPage([joinedSession()]) }),
      [`POST ${recomputePath}`]: () => problem(409, "the session has not ended yet"),
    });
    await openUserPage();
    const table = await sessionsTable();
    await userEvent.click(within(table).getByRole("button", { name: "Recompute result for Evening peak" }));
    const alert = await within(table).findByRole("alert");
    expect(alert).toHaveTextContent("Could not recompute the result");
    expect(alert).toHaveTextContent("the session has not ended yet");
    expect(within(table).queryByRole("status")).not.toBeInTheDocument();
  });
});
