import { act, fireEvent, screen } from "@testing-library/react-native";
import type { LiveProgress, SessionDetail } from "../../api/types";
import { eventStream } from "../../test/eventStream";
import { memoryVault, problem, servicesFor, tokens, type Reply } from "../../test/fakeServer";
import { household, page, summary, upcomingSession } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const live: SessionDetail = {
  ...upcomingSession({
    id: "live-1",
    title: "Grid stress",
    state: "live",
    starts_at: "2026-07-01T15:00:00Z",
    ends_at: "2026-07-01T16:00:00Z",
    join_deadline: "2026-07-01T15:00:00Z",
    joined: true,
  }),
  result: { status: "pending", computed_at: "2026-07-01T15:10:00Z", periods: [] },
};

function progress(actual: number, reporting: number): LiveProgress {
  return {
    state: "live",
    participants: 1,
    saved_kwh: reporting > 0 ? 1 - actual : 0,
    periods: [
      { start: "2026-07-01T15:00:00Z", baseline_kwh: 1, actual_kwh: actual, baseline_kw: 2, actual_kw: actual * 2, reporting },
      { start: "2026-07-01T15:30:00Z", baseline_kwh: 1, actual_kwh: 0, baseline_kw: 2, actual_kw: 0, reporting: 0 },
    ],
  };
}

const event = (body: LiveProgress) => `event: progress\ndata: ${JSON.stringify(body)}\n\n`;

function openLive(liveRoute: () => Reply<"GET /sessions/{id}/live">) {
  const { services, server } = servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      "GET /sessions": ({ query }) => ({ status: 200, body: page(query.get("when") === "live" ? [live] : []) }),
      "GET /sessions/{id}": () => ({ status: 200, body: live }),
      "GET /sessions/{id}/live": liveRoute,
    },
    memoryVault("refresh-0"),
  );
  return { services, server };
}

async function follow(services: ReturnType<typeof openLive>["services"]) {
  const view = renderApp(services);
  fireEvent.press(await screen.findByText("Sessions"));
  fireEvent.press(await screen.findByRole("tab", { name: "Live" }));
  fireEvent.press(await screen.findByRole("button", { name: "Follow Grid stress" }));
  return view;
}

test("a live session shows the figures pushed by the stream and follows their updates; leaving stops the stream", async () => {
  const body = eventStream();
  const { services, server } = openLive(() => ({ status: 200, stream: body.stream }));
  const view = await follow(services);
  expect(await screen.findByText("Connecting to your meter's live figures…")).toBeOnTheScreen();

  await act(async () => body.send(": keep-alive\n\nevent: progress\ndata: "));
  await act(async () => body.send(`${JSON.stringify(progress(0, 0))}\n\n`));
  expect(await screen.findByText("Waiting for your first meter readings of this session.")).toBeOnTheScreen();

  await act(async () => body.send(event(progress(0.6, 1))));
  expect(await screen.findByText("Saved so far: 0.40 kWh")).toBeOnTheScreen();
  expect(screen.getByText("40% of your usual use")).toBeOnTheScreen();
  expect(screen.getByText("Live: updates as your meter readings arrive.")).toBeOnTheScreen();
  expect(screen.getByLabelText(/over 2 half-hour periods/)).toBeOnTheScreen();
  expect(screen.getByText("waiting")).toBeOnTheScreen();

  const stream = server.calls.find((call) => call.path === "/sessions/live-1/live");
  expect(stream?.authorization).toBe("Bearer access-1");
  expect(stream?.signal?.aborted).toBe(false);
  view.unmount();
  expect(stream?.signal?.aborted).toBe(true);
});

test("when the stream answers 409 the session shows its usual, non-live view", async () => {
  const { services } = openLive(() => ({ status: 409, body: problem(409, "you did not join this session") }));
  await follow(services);
  expect(await screen.findByText("Your result")).toBeOnTheScreen();
  expect(screen.getByText("Waiting for the session to end and its meter data to arrive.")).toBeOnTheScreen();
  expect(screen.queryByText("Live now")).toBeNull();
});
