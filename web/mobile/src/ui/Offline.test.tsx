import { onlineManager } from "@tanstack/react-query";
import { act, fireEvent, screen } from "@testing-library/react-native";
import { progress } from "../features/garden/fixtures";
import { memoryVault, servicesFor, tokens } from "../test/fakeServer";
import { household, hourlyDays, page, summary } from "../test/fixtures";
import { renderApp } from "../test/renderApp";

const OFFLINE = "You are offline. Figures may be out of date; they refresh when you are back online.";

afterEach(() => {
  act(() => onlineManager.setOnline(true));
});

test("offline, the figures already shown stay with a warning; what was not loaded waits and arrives once back online", async () => {
  const { services, server } = servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      "GET /me/progress": () => ({ status: 200, body: progress() }),
      "GET /me/consumption": ({ query }) => ({ status: 200, body: hourlyDays(query.get("from") ?? "", query.get("to") ?? "") }),
    },
    memoryVault("refresh-0"),
  );
  renderApp(services);
  expect(await screen.findByText("4.50 kWh")).toBeOnTheScreen();
  expect(screen.queryByText(OFFLINE)).toBeNull();

  act(() => onlineManager.setOnline(false));
  expect(await screen.findByRole("alert")).toHaveTextContent(OFFLINE);
  expect(screen.getByText("4.50 kWh")).toBeOnTheScreen();

  // Energy's figures were never loaded: no request goes out, the screen waits.
  const before = server.calls.length;
  fireEvent.press(screen.getByText("Energy"));
  expect(await screen.findByLabelText("Loading your consumption…")).toBeOnTheScreen();
  expect(screen.getAllByText(OFFLINE).length).toBeGreaterThan(0);
  expect(server.calls.slice(before).filter((call) => call.path === "/me/consumption")).toHaveLength(0);

  act(() => onlineManager.setOnline(true));
  expect(await screen.findByText(/kWh in all$/)).toBeOnTheScreen();
  expect(screen.queryByText(OFFLINE)).toBeNull();
});
