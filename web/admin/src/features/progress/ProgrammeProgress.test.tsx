import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, overview, pageOf, programme } from "../../test/fixtures";
import { programmeProgress } from "../../test/progressFixtures";
import { renderApp } from "../../test/renderApp";

function server(routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/overview": () => ({ body: overview }),
    "GET /admin/overview/sessions": () => ({ body: pageOf([]) }),
    "GET /admin/overview/consumption": () => ({ body: { time_zone: "Europe/Nicosia", resolution: "1d", buckets: [], total_kwh: 0 } }),
    "GET /admin/programme/progress": () => ({ body: programmeProgress() }),
    ...routes,
  });
}

async function open(language: "en" | "el" = "en") {
  renderApp("/progress", { as: { ...admin, language }, language });
  await screen.findByRole("heading", { level: 1, name: language === "en" ? "Progress" : "Πρόοδος" });
}

/** Each body row of a table as the text of its cells. */
function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => Array.from(row.children, (cell) => cell.textContent ?? ""));
}

describe("the programme's progress", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-20T18:35:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("is a page of the navigation", async () => {
    server();
    renderApp("/", { as: admin });
    await userEvent.click(await screen.findByRole("link", { name: "Progress" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Progress" })).toBeInTheDocument();
    expect(document.title).toMatch(/^Progress · /);
  });

  it("shows how many households are at each level, in a chart with its numbers as a table", async () => {
    server();
    await open();
    expect(await screen.findByRole("group", { name: "Households with progress" })).toHaveTextContent("60");
    // In the programme's time zone once it is known.
    await waitFor(() =>
      expect(screen.getByRole("group", { name: "Last evaluated" })).toHaveTextContent(/20 Jun 2026, 19:35.*2 hours ago/),
    );
    const levels = screen.getByRole("region", { name: "Households by level" });
    const chart = within(levels).getByRole("figure", { name: "Households by level" });
    expect(rowsOf(within(chart).getByRole("table", { name: "Households by level" }))).toEqual([
      ["1. Seedling", "12"],
      ["2. Sprout", "30"],
      ["3. Sapling", "15"],
      ["4. Tree", "3"],
      ["5. Grove", "0"],
      ["6. Forest", "0"],
    ]);
  });

  it("shows garden health as counts and shares of the households, and each badge's awards and points", async () => {
    server();
    await open();
    const health = await screen.findByRole("table", { name: "Garden health" });
    expect(rowsOf(health)).toEqual([
      ["Thriving", "36", "60%"],
      ["Thirsty", "15", "25%"],
      ["Wilting", "9", "15%"],
    ]);
    expect(rowsOf(screen.getByRole("table", { name: "Badges awarded" }))).toEqual([
      ["First saving", "48", "960"],
      ["Three in a row", "20", "1,000"],
      ["Comeback", "0", "0"],
    ]);
  });

  it("writes the figures as a Greek reader expects", async () => {
    server();
    await open("el");
    const health = await screen.findByRole("table", { name: "Κατάσταση κήπων" });
    expect(rowsOf(health)[0]).toEqual(["Ακμάζει", "36", "60\u00a0%"]);
    expect(rowsOf(screen.getByRole("table", { name: "Διακρίσεις που απονεμήθηκαν" }))[1]).toEqual([
      "Three in a row",
      "20",
      "1.000",
    ]);
  });

  it("says so while no household has been evaluated", async () => {
    server({
      "GET /admin/programme/progress": () => ({
        body: programmeProgress({
          households: 0,
          evaluated_at: null,
          levels: programmeProgress().levels.map((level) => ({ ...level, households: 0 })),
          health: programmeProgress().health.map((row) => ({ ...row, households: 0 })),
        }),
      }),
    });
    await open();
    expect(await screen.findByText(/^No household's progress has been evaluated yet\./)).toBeInTheDocument();
    expect(screen.queryByRole("figure")).not.toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("explains a failure", async () => {
    server({ "GET /admin/programme/progress": () => problem(500, "database is locked") });
    await open();
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not load the programme's progress");
  });
});
