import { fireEvent, screen } from "@testing-library/react-native";
import type { Bucket, Household } from "../../api/types";
import { addDays, localDate } from "../../lib/format";
import { memoryVault, problem, servicesFor, tokens, type Route } from "../../test/fakeServer";
import { bucket, household, page, summary } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

/** Buckets of the asked resolution over the asked local dates, 0.25 kWh an hour. */
const series: Route<"GET /me/consumption"> = ({ query }) => {
  const resolution = query.get("resolution") ?? "1h";
  const minutes = { "15m": 15, "30m": 30, "1h": 60, "1d": 1440 }[resolution] ?? 60;
  const buckets: Bucket[] = [];
  for (let date = query.get("from") ?? ""; date < (query.get("to") ?? ""); date = addDays(date, 1)) {
    for (let minute = 0; minute < 1440; minute += minutes) {
      buckets.push(bucket(date, Math.floor(minute / 60), minute % 60, minutes, (0.25 * minutes) / 60, 1, 1));
    }
  }
  const total = buckets.reduce((sum, b) => sum + b.kwh, 0);
  return { status: 200, body: { time_zone: "Europe/Nicosia", resolution, buckets, total_kwh: total } };
};

function signedIn(consumption: Route<"GET /me/consumption">, home: Household = household) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: home }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      "GET /me/consumption": consumption,
    },
    memoryVault("refresh-0"),
  );
}

async function openEnergy() {
  fireEvent.press(await screen.findByText("Energy"));
  expect(await screen.findByRole("tab", { name: "Today", selected: true })).toBeOnTheScreen();
}

/** The resolutions asked for, by period, after Home's own request. */
function asked(server: ReturnType<typeof signedIn>["server"]) {
  return server.calls
    .filter((call) => call.path === "/me/consumption")
    .map((call) => `${call.query.get("from")}..${call.query.get("to")} ${call.query.get("resolution")}`);
}

test("Energy shows today by the hour or by the quarter hour, and 7 and 30 days by the day, in the household's local days", async () => {
  const { services, server } = signedIn(series);
  renderApp(services);
  await openEnergy();
  const today = localDate(new Date(), "Europe/Nicosia");
  const tomorrow = addDays(today, 1);

  expect(await screen.findByLabelText("24 bars of an hour each, 6.00 kWh in all.")).toBeOnTheScreen();
  expect(await screen.findByRole("tab", { name: "Hourly", selected: true })).toBeOnTheScreen();
  fireEvent.press(screen.getByRole("tab", { name: "15 min" }));
  expect(await screen.findByLabelText("96 bars of 15 minutes each, 6.00 kWh in all.")).toBeOnTheScreen();
  expect(screen.getByText("Times in Europe/Nicosia. Outlined bars are missing readings or include estimates.")).toBeOnTheScreen();

  fireEvent.press(screen.getByRole("tab", { name: "7 days" }));
  expect(await screen.findByLabelText("7 bars of a day each, 42.00 kWh in all.")).toBeOnTheScreen();
  expect(screen.queryByRole("tablist", { name: "Detail" })).toBeNull();
  fireEvent.press(screen.getByRole("tab", { name: "30 days" }));
  expect(await screen.findByText("180.00 kWh in all")).toBeOnTheScreen();

  expect(asked(server)).toEqual(
    expect.arrayContaining([
      `${today}..${tomorrow} 1h`,
      `${today}..${tomorrow} 15m`,
      `${addDays(today, -6)}..${tomorrow} 1d`,
      `${addDays(today, -29)}..${tomorrow} 1d`,
    ]),
  );
});

test("a household with 30-minute meters is offered half hours, never quarter hours", async () => {
  const { services, server } = signedIn(series, { ...household, meters: [{ meter_id: "CY-0002", interval_minutes: 30 }] });
  renderApp(services);
  await openEnergy();
  fireEvent.press(await screen.findByRole("tab", { name: "30 min" }));
  expect(screen.queryByRole("tab", { name: "15 min" })).toBeNull();
  expect(await screen.findByLabelText("48 bars of 30 minutes each, 6.00 kWh in all.")).toBeOnTheScreen();
  expect(asked(server).some((request) => request.endsWith("15m"))).toBe(false);
});

test("an empty period says so, and a failed one explains and tries again", async () => {
  let answer: "empty" | "fail" | "data" = "empty";
  const { services } = signedIn((request) =>
    answer === "empty"
      ? { status: 200, body: { time_zone: "Europe/Nicosia", resolution: "1h", buckets: [], total_kwh: 0 } }
      : answer === "fail"
        ? { status: 422, body: problem(422, "at this resolution a range is at most 31 days") }
        : series(request),
  );
  renderApp(services);
  await openEnergy();
  expect(await screen.findByText("No meter readings for this period yet.")).toBeOnTheScreen();

  answer = "fail";
  fireEvent.press(screen.getByRole("tab", { name: "7 days" }));
  expect(await screen.findByText("at this resolution a range is at most 31 days")).toBeOnTheScreen();
  answer = "data";
  fireEvent.press(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByText("42.00 kWh in all")).toBeOnTheScreen();
});
