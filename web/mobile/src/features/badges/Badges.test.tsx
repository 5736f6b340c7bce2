import { fireEvent, screen, within } from "@testing-library/react-native";
import type { Progress } from "../../api/types";
import type { Language } from "../../i18n/languages";
import { memoryVault, servicesFor, tokens } from "../../test/fakeServer";
import { household, page, summary, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { newHousehold, progress } from "../garden/fixtures";

function signedIn(body: Progress, language: Language) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: { ...user, language } }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /me/onboarding": () => ({ status: 200, body: { step: "connect_meter", meters: [], eligibility: null } }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      "GET /me/progress": () => ({ status: 200, body }),
    },
    memoryVault("refresh-0"),
  );
}

async function openBadges(body: Progress, language: Language = "en") {
  const { services } = signedIn(body, language);
  renderApp(services, { language });
  fireEvent.press(await screen.findByRole("button", { name: language === "en" ? "Badges" : "Διακρίσεις" }));
}

test("earned badges say when they were earned and what they paid; the others how far along they are", async () => {
  await openBadges(progress());
  expect(await screen.findByRole("heading", { name: "Earned" })).toBeOnTheScreen();
  const earned = screen.getByLabelText("Earned");
  const toEarn = screen.getByLabelText("Still to earn");
  expect(within(earned).getByText("First session")).toBeOnTheScreen();
  expect(within(earned).getByText("Earned 3 November 2026")).toBeOnTheScreen();
  expect(within(earned).getByText("Reward: 50 points")).toBeOnTheScreen();
  expect(within(earned).getByText("Earned 10 December 2026")).toBeOnTheScreen();
  expect(within(earned).queryAllByRole("progressbar")).toHaveLength(0);

  expect(within(toEarn).getByText("Save energy in ten Saving Sessions.")).toBeOnTheScreen();
  expect(within(toEarn).getByRole("progressbar", { name: "Progress to Ten sessions" })).toHaveAccessibilityValue({
    min: 0,
    max: 10,
    now: 7,
    text: "7 of 10 sessions",
  });
  expect(within(toEarn).getByText("7 of 10 sessions")).toBeOnTheScreen();
  expect(within(toEarn).getByRole("progressbar", { name: "Progress to 50 kWh saved" })).toHaveAccessibilityValue({ now: 16.4, max: 50, text: "16.4 of 50 kWh" });
  expect(within(toEarn).getByText("32.5% of 50%")).toBeOnTheScreen();
  expect(within(toEarn).getByText("Reward: 150 points")).toBeOnTheScreen();
});

test("a household without badges is told each one says how to earn it", async () => {
  await openBadges(newHousehold);
  expect(await screen.findByText("None yet: each badge below says how to earn it.")).toBeOnTheScreen();
  expect(screen.getAllByRole("progressbar", { name: /^Progress to / })).toHaveLength(newHousehold.badges.length);
});

test("in Greek the dates, the progress and the rewards are in Greek", async () => {
  await openBadges(progress(), "el");
  expect(await screen.findByText("Την κερδίσατε στις 3 Νοεμβρίου 2026")).toBeOnTheScreen();
  expect(screen.getByRole("progressbar", { name: "Πρόοδος για τη διάκριση «Ten sessions»" })).toHaveAccessibilityValue({ text: "7 από 10 περιόδους" });
  expect(screen.getByText("16,4 από 50 kWh")).toBeOnTheScreen();
  expect(screen.getByText("32,5 % από 50 %")).toBeOnTheScreen();
  expect(screen.getByText("Ανταμοιβή: 50 πόντοι")).toBeOnTheScreen();
});
