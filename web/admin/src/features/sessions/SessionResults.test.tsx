import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Session, SessionResults } from "../../api/types";
import { fakeEventStream } from "../../test/eventStream";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const final = session({ state: "final", participants: 40 });
const resultsPath = `/admin/sessions/${final.id}/results`;

const results: SessionResults = {
  participants: 40,
  eligible: 38,
  reporting: 36,
  saved_kwh: 41.275,
  average_kw_reduced: 13.76,
  points_issued: 4528,
  percent_saved_distribution: [
    { from_percent: null, to_percent: 0, households: 4 },
    { from_percent: 0, to_percent: 10, households: 12 },
    { from_percent: 10, to_percent: 20, households: 15 },
    { from_percent: 20, to_percent: null, households: 5 },
  ],
  top_savers: [
    { user_id: "00000000-0000-7000-8000-000000000101", display_name: "Andreas", saved_kwh: 3.25, percent_saved: 41.27 },
    { user_id: "00000000-0000-7000-8000-000000000102", display_name: "Maria", saved_kwh: 2.5, percent_saved: null },
  ],
};

function server(current: Session, extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    [`GET /admin/sessions/${current.id}`]: () => ({ body: current }),
    [`GET /admin/sessions/${current.id}/live`]: () => fakeEventStream().response,
    [`GET ${resultsPath}`]: () => ({ body: results }),
    ...extra,
  });
}

async function open() {
  renderApp(`/sessions/${final.id}`, { as: admin });
  await screen.findByRole("heading", { level: 1, name: "Evening peak" });
  const section = screen.getByRole("region", { name: "Results" });
  await within(section).findByRole("group", { name: "Participants" });
  return section;
}

const csv = "user_id,email\n1,a@example.com\n";

describe("a settled session's results", () => {
  it("shows the headline figures, the distribution of % saved and the top savers", async () => {
    server(final);
    const section = await open();
    expect(within(section).getByRole("group", { name: "Participants" })).toHaveTextContent("40");
    expect(within(section).getByRole("group", { name: "Measured" })).toHaveTextContent("36 of 38");
    expect(within(section).getByRole("group", { name: "Energy saved" })).toHaveTextContent("41.28 kWh");
    expect(within(section).getByRole("group", { name: "Average reduction" })).toHaveTextContent("13.76 kW");
    expect(within(section).getByRole("group", { name: "Green Points issued" })).toHaveTextContent("4,528");

    const histogram = within(section).getByRole("figure", { name: "Households by % of their baseline saved" });
    const buckets = within(histogram).getAllByRole("row").slice(1).map((row) => Array.from(row.children, (c) => c.textContent));
    expect(buckets).toEqual([
      ["Below 0%", "4"],
      ["0 to 10%", "12"],
      ["10 to 20%", "15"],
      ["20% or more", "5"],
    ]);

    const savers = within(section).getByRole("table", { name: "Top savers" });
    const rows = within(savers).getAllByRole("row").slice(1);
    expect(rows.map((row) => Array.from(row.children, (c) => c.textContent))).toEqual([
      ["Andreas", "3.25 kWh", "41.3%"],
      ["Maria", "2.5 kWh", "Unknown"],
    ]);
    expect(within(savers).getByRole("link", { name: "Andreas" })).toHaveAttribute(
      "href",
      "/users/00000000-0000-7000-8000-000000000101",
    );
  });

  it("says there are no results yet instead of an empty distribution", async () => {
    const noBuckets = results.percent_saved_distribution.map((bucket) => ({ ...bucket, households: 0 }));
    server(final, { [`GET ${resultsPath}`]: () => ({ body: { ...results, percent_saved_distribution: noBuckets } }) });
    const section = await open();
    expect(within(section).getByRole("heading", { name: "Distribution of % saved" })).toBeInTheDocument();
    expect(within(section).getByText("No results yet: no household has a % saved.")).toBeInTheDocument();
    expect(
      within(section).queryByRole("figure", { name: "Households by % of their baseline saved" }),
    ).not.toBeInTheDocument();
  });

  it("downloads every participant's result as CSV, fetched with the sign-in's token", async () => {
    const api = server(final, {
      [`GET ${resultsPath}.csv`]: () =>
        new Response(csv, {
          headers: { "content-type": "text/csv", "content-disposition": 'attachment; filename="results-final.csv"' },
        }),
    });
    const createObjectURL = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:results");
    vi.spyOn(URL, "revokeObjectURL").mockReturnValue(undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockReturnValue(undefined);
    const section = await open();

    await userEvent.click(within(section).getByRole("button", { name: "Download CSV" }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledOnce());
    const link = click.mock.contexts[0];
    expect(link).toBeInstanceOf(HTMLAnchorElement);
    expect(link).toHaveAttribute("download", "results-final.csv");
    expect(link).toHaveAttribute("href", "blob:results");
    expect(createObjectURL.mock.calls[0]?.[0]).toMatchObject({ type: "text/csv", size: csv.length });
    const call = api.callsTo("GET", `${resultsPath}.csv`)[0];
    expect(call?.authorization).toBe("Bearer access-1");
    expect(call?.accept).toBe("text/csv, application/problem+json");
  });

  it("says why a download failed", async () => {
    server(final, { [`GET ${resultsPath}.csv`]: () => problem(503, "the database is busy") });
    const section = await open();
    await userEvent.click(within(section).getByRole("button", { name: "Download CSV" }));
    const alert = await within(section).findByRole("alert");
    expect(alert).toHaveTextContent("Could not download the results");
    expect(alert).toHaveTextContent("the database is busy");
  });

  it("warns that a settling session's figures may still change", async () => {
    server(session({ state: "settling" }));
    const section = await open();
    expect(section).toHaveTextContent("late readings may still change these figures");
  });

  it("offers to try again when the results cannot be loaded", async () => {
    server(final, { [`GET ${resultsPath}`]: () => problem(500, "internal error (correlation id 42)") });
    renderApp(`/sessions/${final.id}`, { as: admin });
    const section = await screen.findByRole("region", { name: "Results" });
    const alert = await within(section).findByRole("alert");
    expect(alert).toHaveTextContent("Could not load the results");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
