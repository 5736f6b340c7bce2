import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import userEvent from "@testing-library/user-event";
import type { SessionSavings } from "../../api/types";
import { formatShortDate } from "../../lib/format";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, bucket, consumptionSeries, overview, pageOf, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const autumn: SessionSavings = {
  id: "00000000-0000-7000-8000-000000000201",
  title: "Autumn trial",
  starts_at: "2026-10-01T15:00:00Z",
  state: "final",
  participants: 12,
  saved_kwh: 10,
  points_issued: 900,
};

const evening: SessionSavings = {
  id: "00000000-0000-7000-8000-000000000202",
  title: "Evening peak",
  starts_at: "2026-11-20T16:00:00Z",
  state: "final",
  participants: 40,
  saved_kwh: 41.275,
  points_issued: 4528,
};

// Half past midnight on the 23rd in Nicosia, still the 22nd in UTC.
const night: SessionSavings = {
  id: "00000000-0000-7000-8000-000000000203",
  title: "Night owls",
  starts_at: "2026-11-22T22:30:00Z",
  state: "settling",
  participants: 1234,
  saved_kwh: 5.5,
  points_issued: 0,
};

// Latest start first, as the server pages them.
const sessions = [night, evening, autumn];

const daily = consumptionSeries({
  resolution: "1d",
  buckets: [
    bucket({ start: "2026-11-24T00:00:00+02:00", end: "2026-11-25T00:00:00+02:00", kwh: 1234.5, readings: 96, expected_readings: 96 }),
    bucket({ start: "2026-11-25T00:00:00+02:00", end: "2026-11-26T00:00:00+02:00", kwh: 600.25, readings: 50, expected_readings: 96, complete: false }),
  ],
  total_kwh: 1834.75,
});

function server(routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/overview": () => ({ body: overview }),
    "GET /admin/overview/sessions": () => ({ body: pageOf(sessions) }),
    "GET /admin/overview/consumption": () => ({ body: daily }),
    ...routes,
  });
}

const nicosiaDay = (iso: string) => formatShortDate(iso, programme.time_zone, "en-CY");
const number = (value: number) => new Intl.NumberFormat("en-CY").format(value);

async function savingsSection() {
  renderApp("/", { as: admin });
  await screen.findByRole("group", { name: "Households registered" });
  return screen.getByRole("region", { name: "kWh saved per session" });
}

describe("the overview", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("shows the programme's headline figures as cards", async () => {
    server();
    renderApp("/", { as: admin });
    const registered = await screen.findByRole("group", { name: "Households registered" });
    expect(registered).toHaveTextContent(number(12345));
    const active = screen.getByRole("group", { name: "Households active (30 days)" });
    expect(active).toHaveTextContent(number(6789));
    expect(active).toHaveTextContent(/55%.*of registered households/);
    const reporting = screen.getByRole("group", { name: "Meters reporting (24 hours)" });
    expect(reporting).toHaveTextContent(number(11876));
    expect(reporting).toHaveTextContent(`${number(12000)} meters linked to households`);
    const points = screen.getByRole("group", { name: "Green Points issued" });
    expect(points).toHaveTextContent(number(98765));
    expect(points).toHaveTextContent(`${number(5428)} in the last 30 days`);
    expect(within(screen.getByRole("group", { name: "Staff accounts" })).getByText("4")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("shows the kWh saved in the last 30 days as the server sums them", async () => {
    server();
    renderApp("/", { as: admin });
    const saved = await screen.findByRole("group", { name: "kWh saved (last 30 days)" });
    expect(saved).toHaveTextContent(number(46.775));
  });

  it("shows the live session, else the next one, else a way to plan one", async () => {
    const next = session({ id: "next-1", title: "Friday peak", state: "scheduled", participants: 321 });
    let shown: typeof next | null = next;
    const api = server({ "GET /admin/overview": () => ({ body: { ...overview, live_or_next_session: shown } }) });
    const { queryClient } = renderApp("/", { as: admin });
    const card = await screen.findByRole("group", { name: "Next session" });
    expect(within(card).getByRole("link", { name: "Friday peak" })).toHaveAttribute("href", "/sessions/next-1");
    expect(card).toHaveTextContent("Scheduled");
    expect(card).toHaveTextContent(`${number(321)} households joined`);

    shown = { ...next, state: "live" };
    await queryClient.invalidateQueries({ queryKey: ["overview"] });
    expect(await screen.findByRole("group", { name: "Live session" })).toHaveTextContent("Live");

    shown = null;
    await queryClient.invalidateQueries({ queryKey: ["overview"] });
    const none = await screen.findByRole("group", { name: "Next session" });
    expect(none).toHaveTextContent("No session is live or announced.");
    expect(within(none).getByRole("link", { name: "Plan one" })).toHaveAttribute("href", "/sessions/new");
    expect(api.callsTo("GET", "/admin/overview")).toHaveLength(3);
  });

  it("charts the kWh saved per session, by day in the programme's time zone, with the numbers as a table", async () => {
    server();
    const section = await savingsSection();
    const chart = await within(section).findByRole("figure", { name: "kWh saved per session" });
    const table = within(chart).getByRole("table", { name: "kWh saved per session" });
    // Oldest first, left to right, though the server pages latest first.
    const rows = within(table).getAllByRole("row").map((row) => Array.from(row.children, (cell) => cell.textContent));
    expect(rows).toEqual([
      ["Session", "Date", "Saved", "Status", "Participants", "Green Points issued"],
      ["Autumn trial", nicosiaDay(autumn.starts_at), "10 kWh", "Final", "12", "900"],
      ["Evening peak", nicosiaDay(evening.starts_at), "41.28 kWh", "Final", "40", number(4528)],
      ["Night owls", nicosiaDay(night.starts_at), "5.5 kWh", "Provisional (settling)", number(1234), "0"],
    ]);
    expect(nicosiaDay(night.starts_at)).toBe(formatShortDate("2026-11-23T12:00:00Z", undefined, "en-CY"));
  });

  it("pages through the settled sessions on the server", async () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ ...evening, id: `s-${i + 1}`, title: `Peak ${i + 1}` }));
    const api = server({
      "GET /admin/overview/sessions": ({ query }: Call) => {
        const page = Number(query.get("page") ?? 1);
        const perPage = Number(query.get("per_page") ?? 25);
        return { body: pageOf(many.slice((page - 1) * perPage, page * perPage), many.length, page, perPage) };
      },
    });
    const section = await savingsSection();
    const pages = await within(section).findByRole("navigation", { name: "Session savings pages" });
    expect(pages).toHaveTextContent("1–10 of 15 · Page 1 of 2");
    await userEvent.click(within(pages).getByRole("button", { name: "Next page" }));
    expect(await within(section).findByRole("row", { name: /^Peak 15/ })).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/overview/sessions").at(-1)?.query.toString()).toBe("page=2&per_page=10");
  });

  it("says when no session has been settled yet", async () => {
    server({ "GET /admin/overview/sessions": () => ({ body: pageOf([]) }) });
    const section = await savingsSection();
    expect(await within(section).findByText("No session has been settled yet.")).toBeInTheDocument();
    expect(within(section).queryByRole("figure")).not.toBeInTheDocument();
  });

  it("explains when the sessions' savings cannot be loaded", async () => {
    server({ "GET /admin/overview/sessions": () => problem(500, "internal error, request id def") });
    const section = await savingsSection();
    expect(await within(section).findByRole("alert")).toHaveTextContent("internal error, request id def");
    expect(screen.getByRole("group", { name: "Households registered" })).toBeInTheDocument();
  });

  it("charts the whole programme's consumption per day, or per hour over 48 hours", async () => {
    const api = server({
      "GET /admin/overview/consumption": ({ query }: Call) => ({
        body:
          query.get("resolution") === "1h"
            ? consumptionSeries({ total_kwh: 0.762 })
            : daily,
      }),
    });
    renderApp("/", { as: admin });
    const section = await screen.findByRole("region", { name: "Programme consumption" });
    const chart = await within(section).findByRole("figure", { name: "Programme consumption per day, in kWh" });
    const rows = within(within(chart).getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((row) => Array.from(row.children, (cell) => cell.textContent))).toEqual([
      [expect.stringMatching(/24/), `${number(1234.5)} kWh`, "96 of 96", "No"],
      [expect.stringMatching(/25/), `${number(600.25)} kWh`, "50 of 96", "No"],
    ]);
    expect(within(section).getByRole("group", { name: "Total" })).toHaveTextContent(`${number(1834.75)} kWh`);
    expect(within(section).getByLabelText("Last 30 days, daily")).toBeChecked();
    expect(api.callsTo("GET", "/admin/overview/consumption")[0]?.query.get("resolution")).toBe("1d");

    await userEvent.click(within(section).getByLabelText("Last 48 hours, hourly"));
    expect(await within(section).findByRole("figure", { name: "Programme consumption per hour, in kWh" })).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/overview/consumption").at(-1)?.query.get("resolution")).toBe("1h");
  });

  it("says when no meter sent anything, and explains a failure", async () => {
    const empty = consumptionSeries({ buckets: [bucket({ kwh: 0, readings: 0, complete: false })], total_kwh: 0 });
    let answer: Response | { body: unknown } = { body: empty };
    server({ "GET /admin/overview/consumption": () => answer });
    const { queryClient } = renderApp("/", { as: admin });
    const section = await screen.findByRole("region", { name: "Programme consumption" });
    expect(await within(section).findByText("No readings arrived from any meter in this period.")).toBeInTheDocument();
    answer = problem(500, "internal error, request id ghi");
    queryClient.removeQueries({ queryKey: ["overview", "consumption"] });
    await userEvent.click(within(section).getByLabelText("Last 48 hours, hourly"));
    expect(await within(section).findByRole("alert")).toHaveTextContent("internal error, request id ghi");
  });

  it("explains a failure", async () => {
    server({ "GET /admin/overview": () => problem(500, "internal error, request id abc") });
    renderApp("/", { as: admin });
    const page = await screen.findByRole("region", { name: "Overview" });
    expect(await within(page).findByText("internal error, request id abc")).toBeInTheDocument();
  });
});
