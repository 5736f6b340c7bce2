import { fireEvent, screen, within } from "@testing-library/react-native";
import { StyleSheet } from "react-native";
import { memoryVault, servicesFor, tokens } from "../test/fakeServer";
import { household, hourlyDays, page, summary, upcomingSession, user } from "../test/fixtures";
import { renderApp } from "../test/renderApp";

// Everything a finger presses on the app's screens is at least 44 × 44 (WCAG 2.5.5's size), and
// no screen fixes a height around text (text grows with the system's font size).

const MIN = 44;

function pressables() {
  // The screens' own content (src/ui/Screen.tsx); the header and the tab bar are React Navigation's.
  const mains = screen.UNSAFE_queryAllByProps({ role: "main" }).filter((element) => typeof element.type === "string");
  return mains.flatMap((main) => ["button", "radio", "tab", "checkbox"].flatMap((role) => within(main).queryAllByRole(role)));
}

function expectBigEnough(where: string) {
  const small = pressables()
    .map((element) => ({ name: element.props.accessibilityLabel ?? element.props["aria-label"], style: StyleSheet.flatten(element.props.style) ?? {} }))
    .filter(({ style }) => !(Number(style.minHeight) >= MIN && (Number(style.minWidth) >= MIN || style.flex === 1)));
  expect(pressables().length).toBeGreaterThan(0);
  expect({ where, small: small.map((element) => element.name) }).toEqual({ where, small: [] });
}

test("buttons, choices and segments are at least 44 points high and wide on every main screen", async () => {
  const { services } = servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: user }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/consumption": ({ query }) => ({ status: 200, body: hourlyDays(query.get("from") ?? "", query.get("to") ?? "") }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /programme": () => ({ status: 200, body: { time_zone: "Europe/Nicosia", districts: ["Nicosia", "Limassol"], default_tariff_code: "01" } }),
      "GET /sessions": () => ({ status: 200, body: page([upcomingSession()]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
    },
    memoryVault("refresh-0"),
  );
  renderApp(services);
  expect(await screen.findByRole("button", { name: "Join Evening peak" })).toBeOnTheScreen();
  expectBigEnough("home");
  fireEvent.press(screen.getByText("Sessions"));
  expect(await screen.findByRole("tab", { name: "Upcoming", selected: true })).toBeOnTheScreen();
  expectBigEnough("sessions");
  fireEvent.press(screen.getByText("Energy"));
  expect(await screen.findByRole("tab", { name: "Hourly", selected: true })).toBeOnTheScreen();
  expectBigEnough("energy");
  fireEvent.press(screen.getByText("Profile"));
  expect(await screen.findByRole("radio", { name: "Nicosia" })).toBeOnTheScreen();
  expectBigEnough("profile");
});
