import { onlineManager } from "@tanstack/react-query";
import { act, fireEvent, screen } from "@testing-library/react-native";
import type { SessionDetail } from "../../api/types";
import { memoryVault, problem, servicesFor, tokens, type Route, type Routes } from "../../test/fakeServer";
import { household, page, summary, upcomingSession } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

function signedIn(routes: Routes) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      ...routes,
    },
    memoryVault("refresh-0"),
  );
}

const OFFLINE = "You are offline. Figures may be out of date; they refresh when you are back online.";

afterEach(() => {
  act(() => onlineManager.setOnline(true));
});

async function openSessions() {
  fireEvent.press(await screen.findByText("Sessions"));
  expect(await screen.findByRole("tab", { name: "Upcoming", selected: true })).toBeOnTheScreen();
}

test("joining shows the server's reason when the household is not eligible", async () => {
  const session = upcomingSession();
  const { services } = signedIn({
    "GET /sessions": () => ({ status: 200, body: page([session]) }),
    "POST /sessions/{id}/join": () => ({
      status: 409,
      body: problem(409, "not eligible: only 40% of expected readings arrived in the last 15 days"),
    }),
  });
  renderApp(services);
  await openSessions();
  const joins = await screen.findAllByRole("button", { name: "Join Evening peak" });
  fireEvent.press(joins.at(-1)!);
  expect(await screen.findByText(/not eligible: only 40%/)).toBeOnTheScreen();
});

test("joining and leaving follow the server's answer", async () => {
  let joined = false;
  const session = () => upcomingSession({ joined });
  const { services, server } = signedIn({
    "GET /sessions": () => ({ status: 200, body: page([session()]) }),
    "POST /sessions/{id}/join": () => {
      joined = true;
      return { status: 200, body: session() };
    },
    "DELETE /sessions/{id}/join": () => {
      joined = false;
      return { status: 204 };
    },
  });
  const joinPath = `/sessions/${session().id}/join`;
  const joinCalls = () =>
    server.calls
      .filter((call) => call.path.endsWith("/join"))
      .map(({ method, path, body, authorization }) => ({ method, path, body, authorization }));
  renderApp(services);
  await openSessions();

  const joins = await screen.findAllByRole("button", { name: "Join Evening peak" });
  fireEvent.press(joins.at(-1)!);
  const leaves = await screen.findAllByRole("button", { name: "Leave Evening peak" });
  expect(joinCalls()).toEqual([{ method: "POST", path: joinPath, body: undefined, authorization: "Bearer access-1" }]);
  fireEvent.press(leaves.at(-1)!);
  expect((await screen.findAllByRole("button", { name: "Join Evening peak" })).length).toBeGreaterThan(0);
  expect(joinCalls()).toEqual([
    { method: "POST", path: joinPath, body: undefined, authorization: "Bearer access-1" },
    { method: "DELETE", path: joinPath, body: undefined, authorization: "Bearer access-1" },
  ]);
});

test("a past session shows its result against the baseline and the Green Points it paid, in the household's time zone", async () => {
  const past: SessionDetail = {
    ...upcomingSession({
      id: "past-1",
      title: "Heatwave peak",
      state: "final",
      starts_at: "2026-07-01T15:00:00Z",
      ends_at: "2026-07-01T16:00:00Z",
      join_deadline: "2026-07-01T15:00:00Z",
      joined: true,
      points_earned: 90,
    }),
    result: {
      status: "final",
      saved_kwh: 0.8,
      percent_saved: 40,
      computed_at: "2026-07-02T08:00:00Z",
      periods: [
        { start: "2026-07-01T15:00:00Z", baseline_kwh: 1, actual_kwh: 0.6 },
        { start: "2026-07-01T15:30:00Z", baseline_kwh: 1, actual_kwh: 0.6 },
      ],
    },
  };
  const { services } = signedIn({
    "GET /sessions": ({ query }) => ({ status: 200, body: page(query.get("when") === "past" ? [past] : []) }),
    "GET /sessions/{id}": () => ({ status: 200, body: past }),
  });
  renderApp(services);
  await openSessions();
  fireEvent.press(screen.getByRole("tab", { name: "Past" }));
  expect(await screen.findByText("Green Points earned: 90 points")).toBeOnTheScreen();
  fireEvent.press(await screen.findByRole("button", { name: "Result of Heatwave peak" }));

  expect(await screen.findByText("Final result.")).toBeOnTheScreen();
  expect(screen.getByText("Saved 0.80 kWh")).toBeOnTheScreen();
  expect(screen.getByText("40% of your usual use")).toBeOnTheScreen();
  expect(screen.getByLabelText("Green Points earned: 90 points")).toBeOnTheScreen();
  // 15:00 UTC is 18:00 in Nicosia in July: the chart's label and the table's first row.
  expect(screen.getAllByText(/^(18:00|06:00\sPM)$/).length).toBeGreaterThan(0);
});

test("a session for other districts says so instead of offering Join; a household that joined can still leave", async () => {
  const elsewhere = upcomingSession({ id: "s-elsewhere", title: "Limassol peak", invited: false });
  const joinedBefore = upcomingSession({ id: "s-joined", title: "Paphos peak", invited: false, joined: true });
  const { services } = signedIn({ "GET /sessions": () => ({ status: 200, body: page([elsewhere, joinedBefore]) }) });
  renderApp(services);
  await openSessions();

  expect((await screen.findAllByText("This session is for households in other districts (or set your district in Profile).")).length).toBeGreaterThan(0);
  expect(screen.queryAllByRole("button", { name: "Join Limassol peak" })).toHaveLength(0);
  expect(screen.getAllByRole("button", { name: "Leave Paphos peak" }).length).toBeGreaterThan(0);
});

describe("a session's own screen shows the offline banner", () => {
  const past = upcomingSession({ id: "past-2", title: "Morning peak", state: "final" });

  async function openPast(detail: Route<"GET /sessions/{id}">) {
    const { services } = signedIn({
      "GET /sessions": ({ query }) => ({ status: 200, body: page(query.get("when") === "past" ? [past] : []) }),
      "GET /sessions/{id}": detail,
    });
    renderApp(services);
    await openSessions();
    fireEvent.press(screen.getByRole("tab", { name: "Past" }));
    return screen.findByRole("button", { name: "Result of Morning peak" });
  }

  // The screens beneath the session's are hidden from accessibility, so the one banner found is its own.
  test("while it waits to load", async () => {
    const open = await openPast(() => ({ status: 200, body: past }));
    act(() => onlineManager.setOnline(false));
    fireEvent.press(open);
    expect(await screen.findByLabelText("Loading the session…")).toBeOnTheScreen();
    expect(screen.getByText(OFFLINE)).toBeOnTheScreen();
  });

  test("when loading failed", async () => {
    const open = await openPast(() => ({ status: 404, body: problem(404, "no such session") }));
    fireEvent.press(open);
    expect(await screen.findByText(/no such session/)).toBeOnTheScreen();
    act(() => onlineManager.setOnline(false));
    expect(screen.getByText(OFFLINE)).toBeOnTheScreen();
  });
});
