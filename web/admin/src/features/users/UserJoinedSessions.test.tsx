import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { problem } from "../../test/fakeApi";
import { joinedSession, joinedSessionPage, session } from "../../test/fixtures";
import { openUserPage, userId, userPageServer } from "../../test/userPage";

const sessionsPath = `/admin/users/${userId}/sessions`;

describe("the sessions a user joined", () => {
  it("lists each session with the household's result and links to it", async () => {
    const pending = joinedSession({
      session: session({ id: "00000000-0000-7000-8000-00000000005f", title: "Morning peak", state: "scheduled" }),
      result: null,
    });
    const insufficient = joinedSession({
      session: session({ id: "00000000-0000-7000-8000-000000000060", title: "Heatwave", state: "final" }),
      result: {
        status: "insufficient_data",
        reason: "too few readings",
        baseline_kwh: null,
        actual_kwh: null,
        saved_kwh: null,
        percent_saved: null,
        computed_at: "2026-06-13T08:00:00Z",
        periods: [],
      },
    });
    userPageServer({ [`GET ${sessionsPath}`]: () => ({ body: joinedSessionPage([pending, joinedSession(), insufficient]) }) });
    const { router } = await openUserPage();
    const section = screen.getByRole("region", { name: "Sessions joined" });
    const table = await within(section).findByRole("table", { name: "Sessions joined" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => Array.from(row.children, (c) => c.textContent))).toEqual([
      ["Morning peak", expect.stringMatching(/18:00/), "Scheduled", "No result yet", "—", "—", "—", "—", ""],
      ["Evening peak", expect.stringMatching(/18:00/), "Final", "Final", "3.2 kWh", "2.4 kWh", "0.8 kWh", "25%", "Recompute"],
      ["Heatwave", expect.stringMatching(/18:00/), "Final", "Insufficient datatoo few readings", "—", "—", "—", "—", "Recompute"],
    ]);
    await userEvent.click(within(table).getByRole("link", { name: "Evening peak" }));
    expect(router.state.location.pathname).toBe(`/sessions/${session().id}`);
  });

  it("pages on the server", async () => {
    const api = userPageServer({
      [`GET ${sessionsPath}`]: ({ query }) => ({
        body: { ...joinedSessionPage([joinedSession()], 30), page: Number(query.get("page") ?? 1) },
      }),
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Sessions joined" });
    const pages = await within(section).findByRole("navigation", { name: "Sessions joined pages" });
    expect(pages).toHaveTextContent("Page 1 of 2");
    await userEvent.click(within(pages).getByRole("button", { name: "Next page" }));
    expect(await within(pages).findByText(/Page 2 of 2/)).toBeInTheDocument();
    expect(api.callsTo("GET", sessionsPath).at(-1)?.query.get("page")).toBe("2");
    expect(api.callsTo("GET", sessionsPath).at(-1)?.query.get("per_page")).toBe("25");
  });

  it("sorts on the server by a column header, latest start first until one is chosen, from the first page", async () => {
    const api = userPageServer({
      [`GET ${sessionsPath}`]: ({ query }) => ({
        body: { ...joinedSessionPage([joinedSession()], 30), page: Number(query.get("page") ?? 1) },
      }),
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Sessions joined" });
    const table = await within(section).findByRole("table", { name: "Sessions joined" });
    expect(api.callsTo("GET", sessionsPath).at(-1)?.query.get("sort")).toBe("-starts_at");
    expect(within(table).getByRole("columnheader", { name: "When" })).toHaveAttribute("aria-sort", "descending");
    expect(within(table).getByRole("columnheader", { name: "Session" })).not.toHaveAttribute("aria-sort");
    await userEvent.click(within(section).getByRole("button", { name: "Next page" }));
    expect(await within(section).findByText(/Page 2 of 2/)).toBeInTheDocument();

    await userEvent.click(within(table).getByRole("button", { name: "Session" }));
    expect(within(table).getByRole("columnheader", { name: "Session" })).toHaveAttribute("aria-sort", "ascending");
    expect(within(table).getByRole("columnheader", { name: "When" })).not.toHaveAttribute("aria-sort");
    const sorted = api.callsTo("GET", sessionsPath).at(-1)?.query;
    expect([sorted?.get("sort"), sorted?.get("page")]).toEqual(["title", "1"]);

    await userEvent.click(within(table).getByRole("button", { name: "Session" }));
    expect(within(table).getByRole("columnheader", { name: "Session" })).toHaveAttribute("aria-sort", "descending");
    expect(api.callsTo("GET", sessionsPath).at(-1)?.query.get("sort")).toBe("-title");
    expect(within(table).queryByRole("button", { name: "Result" })).not.toBeInTheDocument();
  });

  it("says so when the household joined none", async () => {
    userPageServer();
    await openUserPage();
    const section = screen.getByRole("region", { name: "Sessions joined" });
    expect(await within(section).findByText("This household has not joined any session yet.")).toBeInTheDocument();
    expect(within(section).queryByRole("table")).not.toBeInTheDocument();
  });

  it("explains a failure", async () => {
    userPageServer({ [`GET ${sessionsPath}`]: () => problem(500, "something broke (request abc)") });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Sessions joined" });
    expect(await within(section).findByRole("alert")).toHaveTextContent("Could not load the sessions");
    expect(within(section).getByRole("alert")).toHaveTextContent("something broke (request abc)");
  });
});
