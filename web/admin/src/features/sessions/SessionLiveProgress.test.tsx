import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveProgress, Session } from "../../api/types";
import { fakeEventStream, type FakeEventStream } from "../../test/eventStream";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const live = session({ state: "live", participants: 40 });
const livePath = `/admin/sessions/${live.id}/live`;

function progress(reporting: number, actualKw: number, savedKwh: number): LiveProgress {
  // 18:00–19:30 in Nicosia; the clock stands at 18:40, in the second half hour.
  return {
    state: "live",
    participants: 40,
    saved_kwh: savedKwh,
    periods: [
      { start: "2026-06-12T15:00:00Z", baseline_kwh: 30, actual_kwh: 20, baseline_kw: 60, actual_kw: 40, reporting: 38 },
      { start: "2026-06-12T15:30:00Z", baseline_kwh: 31, actual_kwh: actualKw / 2, baseline_kw: 62, actual_kw: actualKw, reporting },
      { start: "2026-06-12T16:00:00Z", baseline_kwh: 29, actual_kwh: 0, baseline_kw: 58, actual_kw: 0, reporting: 0 },
    ],
  };
}

function server(current: Session, stream: FakeEventStream | (() => Response)) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    [`GET /admin/sessions/${current.id}`]: () => ({ body: current }),
    [`GET ${livePath}`]: () => (stream instanceof Function ? stream() : stream.response),
    [`GET /admin/sessions/${current.id}/results`]: () => problem(404, "no results yet"),
  });
}

async function open() {
  const view = renderApp(`/sessions/${live.id}`, { as: admin });
  await screen.findByRole("heading", { level: 1, name: "Evening peak" });
  return { ...view, section: screen.getByRole("region", { name: "Live progress" }) };
}

function figure(section: HTMLElement, name: string) {
  return within(section).getByRole("group", { name });
}

describe("a live session's page", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-12T15:40:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("shows the figures and the chart's numbers from the stream, and follows each new event", async () => {
    const stream = fakeEventStream();
    const api = server(live, stream);
    const { section } = await open();
    expect(within(section).getByRole("status")).toHaveTextContent("Waiting for the live figures");

    stream.progress(progress(0, 0, 10));
    expect(await within(section).findByRole("group", { name: "Participants" })).toHaveTextContent("40");
    expect(figure(section, "Reporting")).toHaveTextContent("0 of 40");
    expect(figure(section, "Reporting")).toHaveTextContent(/In the half hour from (6|18):30/);
    expect(figure(section, "Actual power")).toHaveTextContent("No readings yet");
    expect(figure(section, "Saved so far")).toHaveTextContent("10 kWh");
    expect(section).toHaveTextContent(/Updates as readings arrive\. Last update at (18|6):40:00/);

    const chart = within(section).getByRole("figure", { name: "Baseline and actual power per half hour, in kW" });
    const table = within(chart).getByRole("table", { name: "Baseline and actual power per half hour, in kW" });
    const cells = () =>
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((row) => Array.from(row.children, (cell) => cell.textContent));
    // Times as the browser's locale writes them (18:00 or 6:00 PM), in the programme's zone.
    expect(cells()).toEqual([
      [expect.stringMatching(/^(18|6):00/), "60 kW", "40 kW", "38"],
      [expect.stringMatching(/^(18|6):30/), "62 kW", "No readings yet", "0"],
      [expect.stringMatching(/^(19|7):00/), "58 kW", "No readings yet", "0"],
    ]);

    // A keep-alive, then an event cut in two.
    stream.send(": keep-alive\n\nevent: progress\ndata: ");
    stream.send(`${JSON.stringify(progress(5, 12.5, 10.25))}\n\n`);
    expect(await within(section).findByText("5 of 40")).toBeInTheDocument();
    expect(figure(section, "Actual power")).toHaveTextContent("12.5 kW");
    expect(figure(section, "Actual power")).toHaveTextContent("Against a baseline of 62 kW");
    expect(figure(section, "Saved so far")).toHaveTextContent("10.25 kWh");
    expect(cells()[1]).toEqual([expect.stringMatching(/^(18|6):30/), "62 kW", "12.5 kW", "5"]);

    const call = api.callsTo("GET", livePath)[0];
    expect(call?.authorization).toBe("Bearer access-1");
    expect(call?.accept).toBe("text/event-stream, application/problem+json");
  });

  it("says there is nothing to chart while no participant has a baseline, and when the stream has no half hours", async () => {
    const stream = fakeEventStream();
    server(live, stream);
    const { section } = await open();
    const empty = progress(0, 0, 0);

    stream.progress({ ...empty, participants: 0 });
    expect(await within(section).findByText("No participants with a baseline yet.")).toBeInTheDocument();
    expect(within(section).queryByRole("figure")).not.toBeInTheDocument();

    stream.progress({ ...empty, periods: [] });
    expect(await within(section).findByText("No half hours of the session to chart yet.")).toBeInTheDocument();
    expect(within(section).queryByRole("figure")).not.toBeInTheDocument();
    expect(within(section).getByRole("heading", { name: "Live progress" })).toBeInTheDocument();
  });

  it("stops reading the stream when the page is left", async () => {
    const stream = fakeEventStream();
    server(live, stream);
    const { section, unmount } = await open();
    stream.progress(progress(0, 0, 0));
    await within(section).findByRole("group", { name: "Participants" });
    unmount();
    await vi.waitFor(() => expect(stream.cancelled).toBe(true));
  });

  it("says why when the server refuses the live figures", async () => {
    server(live, () => problem(409, "the session is scheduled: live progress starts with the session"));
    const { section } = await open();
    const alert = await within(section).findByRole("alert");
    expect(alert).toHaveTextContent("The live figures are not available");
    expect(alert).toHaveTextContent("live progress starts with the session");
  });

  it("has no live figures before the session starts", async () => {
    const api = server(session({ state: "scheduled" }), fakeEventStream());
    renderApp(`/sessions/${live.id}`, { as: admin });
    await screen.findByRole("heading", { level: 1, name: "Evening peak" });
    expect(screen.queryByRole("region", { name: "Live progress" })).not.toBeInTheDocument();
    expect(api.callsTo("GET", livePath)).toHaveLength(0);
  });

  it("reloads the session when the stream says it has moved on", async () => {
    const stream = fakeEventStream();
    const api = server(live, stream);
    const { section } = await open();
    stream.progress({ ...progress(40, 30, 50), state: "settling" });
    await within(section).findByText("40 of 40");
    await vi.waitFor(() => expect(api.callsTo("GET", `/admin/sessions/${live.id}`)).toHaveLength(2));
  });
});
