import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionSavings } from "../../api/types";
import { formatShortDate } from "../../lib/format";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, overview, programme } from "../../test/fixtures";
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

const sessions = [autumn, evening, night];

function server(routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/overview": () => ({ body: overview }),
    "GET /admin/overview/sessions": () => ({ body: sessions }),
    ...routes,
  });
}

const nicosiaDay = (iso: string) => formatShortDate(iso, programme.time_zone);
const number = (value: number) => new Intl.NumberFormat().format(value);

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
    expect(within(screen.getByRole("group", { name: "Staff accounts" })).getByText("4")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("sums the kWh saved by the sessions that started in the last 30 days", async () => {
    server();
    renderApp("/", { as: admin });
    const saved = await screen.findByRole("group", { name: "kWh saved (last 30 days)" });
    expect(saved).toHaveTextContent(number(46.78));
  });

  it("charts the kWh saved per session, by day in the programme's time zone, with the numbers as a table", async () => {
    server();
    const section = await savingsSection();
    const chart = await within(section).findByRole("figure", { name: "kWh saved per session" });
    const table = within(chart).getByRole("table", { name: "kWh saved per session" });
    const rows = within(table).getAllByRole("row").map((row) => Array.from(row.children, (cell) => cell.textContent));
    expect(rows).toEqual([
      ["Session", "Date", "Saved", "Status", "Participants", "Green Points issued"],
      ["Autumn trial", nicosiaDay(autumn.starts_at), "10 kWh", "Final", "12", "900"],
      ["Evening peak", nicosiaDay(evening.starts_at), "41.28 kWh", "Final", "40", number(4528)],
      ["Night owls", nicosiaDay(night.starts_at), "5.5 kWh", "Provisional (settling)", number(1234), "0"],
    ]);
    expect(nicosiaDay(night.starts_at)).toBe(formatShortDate("2026-11-23T12:00:00Z"));
  });

  it("says when no session has been settled yet", async () => {
    server({ "GET /admin/overview/sessions": () => ({ body: [] }) });
    const section = await savingsSection();
    expect(await within(section).findByText("No session has been settled yet.")).toBeInTheDocument();
    expect(within(section).queryByRole("figure")).not.toBeInTheDocument();
    expect(await screen.findByRole("group", { name: "kWh saved (last 30 days)" })).toHaveTextContent("0");
  });

  it("explains when the sessions' savings cannot be loaded", async () => {
    server({ "GET /admin/overview/sessions": () => problem(500, "internal error, request id def") });
    const section = await savingsSection();
    expect(await within(section).findByRole("alert")).toHaveTextContent("internal error, request id def");
    expect(screen.getByRole("group", { name: "Households registered" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "kWh saved (last 30 days)" })).not.toBeInTheDocument();
  });

  it("explains a failure", async () => {
    server({ "GET /admin/overview": () => problem(500, "internal error, request id abc") });
    renderApp("/", { as: admin });
    const page = await screen.findByRole("region", { name: "Overview" });
    expect(await within(page).findByText("internal error, request id abc")).toBeInTheDocument();
  });
});
