import { fireEvent, screen } from "@testing-library/react-native";
import { addDays, localDate } from "../../lib/format";
import { memoryVault, problem, servicesFor, tokens, type Route } from "../../test/fakeServer";
import { household, hourlyDays, page, summary } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { progress } from "../garden/fixtures";

function signedIn(consumption: Route<"GET /me/consumption">) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /me/onboarding": () => ({ status: 200, body: { step: "ready", meters: ["CY-0001"], hours_behind: 1, eligibility: null } }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      "GET /me/progress": () => ({ status: 200, body: progress() }),
      "GET /me/consumption": consumption,
    },
    memoryVault("refresh-0"),
  );
}

const days = ({ query }: Parameters<Route<"GET /me/consumption">>[0]) => ({
  status: 200,
  body: hourlyDays(query.get("from") ?? "", query.get("to") ?? ""),
});

test("Home compares today so far with the last seven days up to the same time, by the hour in the household's zone", async () => {
  const { services, server } = signedIn(days);
  renderApp(services);
  expect(await screen.findByText("4.50 kWh")).toBeOnTheScreen();
  // Readings reach 10:30 today: 2.10 kWh against 10.5 usual hours of 0.30 kWh.
  expect(await screen.findByText(/^A usual day by (10:30|10:30\sAM): 3\.15 kWh$/)).toBeOnTheScreen();
  expect(screen.getByText("33.3% less than usual")).toBeOnTheScreen();
  expect(screen.getByText(/against the mean of the last 7 days up to the same time, in Europe\/Nicosia/)).toBeOnTheScreen();

  const today = localDate(new Date(), "Europe/Nicosia");
  const asked = server.calls.filter((call) => call.path === "/me/consumption").map((call) => Object.fromEntries(call.query));
  expect(asked).toEqual([{ from: addDays(today, -7), to: addDays(today, 1), resolution: "1h" }]);
});

test("when the usual day cannot be loaded Home says so and offers to try again", async () => {
  let fail = true;
  const { services } = signedIn((request) => (fail ? { status: 503, body: problem(503, "down for maintenance") } : days(request)));
  renderApp(services);
  // Server errors are retried twice (after 1 s and 2 s) before the card gives up.
  expect(await screen.findByText("Your usual day could not be loaded.", {}, { timeout: 10_000 })).toBeOnTheScreen();
  expect(screen.getByText("4.50 kWh")).toBeOnTheScreen();
  fail = false;
  fireEvent.press(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByText("33.3% less than usual")).toBeOnTheScreen();
}, 20_000);
