import { fireEvent, screen } from "@testing-library/react-native";
import { fetch as expoFetch } from "expo/fetch";
import type { LiveProgress, SessionDetail } from "../../api/types";
import { createServices } from "../../auth/services";
import { streamingFetch } from "../../lib/streaming";
import { eventStream } from "../../test/eventStream";
import { fakeServer, memoryVault, tokens } from "../../test/fakeServer";
import { household, page, summary, upcomingSession } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

// The phone's streaming fetch, answered by a fake server of its own.
jest.mock("expo/fetch", () => ({ fetch: jest.fn() }));

const live: SessionDetail = {
  ...upcomingSession({ id: "live-1", title: "Grid stress", state: "live", joined: true }),
  result: { status: "pending", computed_at: "2026-07-01T15:10:00Z", periods: [] },
};

const progress: LiveProgress = {
  state: "live",
  participants: 1,
  saved_kwh: 0.4,
  periods: [{ start: "2026-07-01T15:00:00Z", baseline_kwh: 1, actual_kwh: 0.6, baseline_kw: 2, actual_kw: 1.2, reporting: 1 }],
};

test("on a phone the live stream goes through expo/fetch, everything else through the ordinary fetch", async () => {
  const server = fakeServer({
    "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
    "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
    "GET /me/household": () => ({ status: 200, body: household }),
    "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
    "GET /sessions": ({ query }) => ({ status: 200, body: page(query.get("when") === "live" ? [live] : []) }),
    "GET /sessions/{id}": () => ({ status: 200, body: live }),
  });
  const body = eventStream();
  const phone = fakeServer({ "GET /sessions/{id}/live": () => ({ status: 200, stream: body.stream }) });
  jest.mocked(expoFetch).mockImplementation(phone.fetch as unknown as typeof expoFetch);
  renderApp(createServices(server.fetch, memoryVault("refresh-0"), "/api/v1", streamingFetch));

  fireEvent.press(await screen.findByText("Sessions"));
  fireEvent.press(await screen.findByRole("tab", { name: "Live" }));
  fireEvent.press(await screen.findByRole("button", { name: "Follow Grid stress" }));
  body.send(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);

  expect(await screen.findByText("Saved so far: 0.40 kWh")).toBeOnTheScreen();
  expect(phone.calls.map((call) => `${call.path} ${call.authorization ?? ""}`)).toEqual(["/sessions/live-1/live Bearer access-1"]);
  expect(server.calls.some((call) => call.path.endsWith("/live"))).toBe(false);
  expect(server.calls.some((call) => call.path === "/sessions/live-1")).toBe(true);
});
