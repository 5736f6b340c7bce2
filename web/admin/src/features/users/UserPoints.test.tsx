import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { problem } from "../../test/fakeApi";
import { pointsEntry, pointsPage } from "../../test/fixtures";
import { openUserPage, userId, userPageServer } from "../../test/userPage";

const pointsPath = `/admin/users/${userId}/points`;

describe("a user's Green Points", () => {
  it("shows the balance and the ledger in words, corrections included", async () => {
    const entries = [
      pointsEntry({ points: -20, reference: `${pointsEntry().reference}#1`, note: "Late readings lowered the saving" }),
      pointsEntry({ points: 15, reason: "streak_bonus" }),
      pointsEntry({ points: 10, reason: "opt_in_bonus" }),
      pointsEntry({ points: 20, reason: "badge", reference: "badge:first_session" }),
      pointsEntry({ points: 1200 }),
    ];
    userPageServer({ [`GET ${pointsPath}`]: () => ({ body: pointsPage(entries, 1230) }) });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Green Points" });
    expect(await within(section).findByRole("group", { name: "Balance" })).toHaveTextContent("1,230 points");
    const table = within(section).getByRole("table", { name: "Green Points ledger" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => Array.from(row.children, (c) => c.textContent).slice(1, 4))).toEqual([
      ["Session savings", "-20", "Late readings lowered the saving"],
      ["Streak bonus", "+15", "—"],
      ["Opt-in bonus", "+10", "—"],
      ["Badge", "+20", "—"],
      ["Session savings", "+1,200", "—"],
    ]);
    expect(rows[0]).toHaveTextContent(`${pointsEntry().reference}#1`);
  });

  it("pages the ledger on the server", async () => {
    const api = userPageServer({
      [`GET ${pointsPath}`]: ({ query }) => ({
        body: { ...pointsPage([pointsEntry()], 80, 120), page: Number(query.get("page") ?? 1), per_page: Number(query.get("per_page") ?? 25) },
      }),
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Green Points" });
    const pages = await within(section).findByRole("navigation", { name: "Green Points ledger pages" });
    await userEvent.selectOptions(within(pages).getByLabelText("Rows per page"), "50");
    expect(await within(pages).findByText(/Page 1 of 3/)).toBeInTheDocument();
    await userEvent.click(within(pages).getByRole("button", { name: "Next page" }));
    expect(await within(pages).findByText(/Page 2 of 3/)).toBeInTheDocument();
    const last = api.callsTo("GET", pointsPath).at(-1)?.query;
    expect([last?.get("page"), last?.get("per_page"), last?.get("sort")]).toEqual(["2", "50", "-created_at"]);
  });

  it("sorts the ledger on the server by a column header, from the first page", async () => {
    const api = userPageServer({
      [`GET ${pointsPath}`]: ({ query }) => ({
        body: { ...pointsPage([pointsEntry()], 80, 120), page: Number(query.get("page") ?? 1) },
      }),
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Green Points" });
    const table = await within(section).findByRole("table", { name: "Green Points ledger" });
    expect(within(table).getByRole("columnheader", { name: "Added" })).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(within(section).getByRole("button", { name: "Next page" }));
    expect(await within(section).findByText(/Page 2 of 5/)).toBeInTheDocument();

    await userEvent.click(within(table).getByRole("button", { name: "Points" }));
    expect(within(table).getByRole("columnheader", { name: "Points" })).toHaveAttribute("aria-sort", "descending");
    expect(within(table).getByRole("columnheader", { name: "Added" })).not.toHaveAttribute("aria-sort");
    const last = api.callsTo("GET", pointsPath).at(-1)?.query;
    expect([last?.get("sort"), last?.get("page")]).toEqual(["-points", "1"]);
    await userEvent.click(within(table).getByRole("button", { name: "Reason" }));
    expect(api.callsTo("GET", pointsPath).at(-1)?.query.get("sort")).toBe("reason");
    expect(within(table).queryByRole("button", { name: "Note" })).not.toBeInTheDocument();
  });

  it("shows a zero balance and an empty ledger", async () => {
    userPageServer();
    await openUserPage();
    const section = screen.getByRole("region", { name: "Green Points" });
    expect(await within(section).findByRole("group", { name: "Balance" })).toHaveTextContent("0 points");
    expect(within(section).getByText("No Green Points have been added to this household yet.")).toBeInTheDocument();
  });

  it("explains a failure", async () => {
    userPageServer({ [`GET ${pointsPath}`]: () => problem(403, "staff only") });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Green Points" });
    expect(await within(section).findByRole("alert")).toHaveTextContent("staff only");
    expect(within(section).queryByRole("group", { name: "Balance" })).not.toBeInTheDocument();
  });
});
