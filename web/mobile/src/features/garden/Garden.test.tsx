import { fireEvent, screen, within } from "@testing-library/react-native";
import type { Progress, Species } from "../../api/types";
import type { Language } from "../../i18n/languages";
import { memoryVault, servicesFor, tokens } from "../../test/fakeServer";
import { household, page, summary, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { newHousehold, plant, progress, threePlants } from "./fixtures";

function signedIn(body: Progress, language: Language = "en") {
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

async function openGarden(body: Progress, language: Language = "en") {
  const { services } = signedIn(body, language);
  renderApp(services, { language });
  fireEvent.press(await screen.findByRole("button", { name: language === "en" ? "Open your Green Garden" : "Ανοίξτε τον Πράσινο Κήπο σας" }));
}

test("Home glances at the level, the garden and the streak, and opens the garden", async () => {
  const { services } = signedIn(progress());
  renderApp(services);
  expect(await screen.findByText("Level 3 · Sapling")).toBeOnTheScreen();
  expect(screen.getByText("Your Green Garden: thriving, 3 plants")).toBeOnTheScreen();
  expect(screen.getByText("2 successful sessions in a row")).toBeOnTheScreen();
  expect(screen.getByText("Best: 5 · 1 shield")).toBeOnTheScreen();
  expect(screen.getByText("1 more successful session to the next streak bonus of 50 points.")).toBeOnTheScreen();

  fireEvent.press(screen.getByRole("button", { name: "Open your Green Garden" }));
  expect(await screen.findByRole("img", { name: "Lavender, young, planted 3 December 2026" })).toBeOnTheScreen();
});

test("the garden is a picture whose plants are named by species, stage and planting day", async () => {
  await openGarden(progress());
  const picture = await screen.findByLabelText("Your Green Garden: thriving, 3 plants");
  expect(within(picture).getByRole("img", { name: "Thyme, blooming, planted 3 November 2026" })).toBeOnTheScreen();
  expect(within(picture).getByRole("img", { name: "Lavender, young, planted 3 December 2026" })).toBeOnTheScreen();
  expect(within(picture).getByRole("img", { name: "Sunflower, sprout, planted 10 December 2026" })).toBeOnTheScreen();
  expect(screen.getByText("1 plant grew with your latest successful session.")).toBeOnTheScreen();

  expect(screen.getByText("Your garden is thriving. Each session you save in waters it and helps your plants grow.")).toBeOnTheScreen();
  expect(screen.getByText("You saved in 2 of the last 3 sessions open to you.")).toBeOnTheScreen();
  expect(screen.getByText("Level 3 · Sapling")).toBeOnTheScreen();
  expect(screen.getByText("1,240 points over all time")).toBeOnTheScreen();
  expect(screen.getByRole("progressbar", { name: "Progress to level 4" })).toHaveAccessibilityValue({
    min: 0,
    max: 1000,
    now: 240,
    text: "1,240 of 2,000 points",
  });
  expect(screen.getByText("760 points to go to level 4: Tree")).toBeOnTheScreen();
  expect(screen.getByText("Since 1 December 2026")).toBeOnTheScreen();
  expect(screen.getByText("Best: 5 · 1 shield")).toBeOnTheScreen();
  expect(screen.getByText(/^A shield keeps your streak when you miss a session\. You earn one every 5 successful sessions in a row, up to 2\.$/)).toBeOnTheScreen();
  expect(screen.getByText("You avoided 12.3 kg of CO₂")).toBeOnTheScreen();
  expect(screen.getByText("As much as 0.56 trees absorb in a year")).toBeOnTheScreen();
  expect(
    screen.getByText("You saved 16.40 kWh in Saving Sessions. At 0.75 kg CO₂ per kWh (Cyprus grid) that is 12.3 kg of CO₂; a tree absorbs about 22 kg CO₂ a year."),
  ).toBeOnTheScreen();
  expect(screen.getByText("Lemon tree: unlocked")).toBeOnTheScreen();
  expect(screen.getByText("Olive tree: unlocks at level 4")).toBeOnTheScreen();
  expect(screen.getByText("Cyprus cedar: unlocks at level 5")).toBeOnTheScreen();
  // A thriving garden asks for nothing.
  expect(screen.queryByRole("button", { name: "Upcoming sessions" })).toBeNull();
});

test("a new household's garden has no plants yet and says how to grow it", async () => {
  await openGarden(newHousehold);
  expect(await screen.findByLabelText("Your Green Garden: thriving, no plants yet")).toBeOnTheScreen();
  expect(screen.queryAllByRole("img", { name: /planted/ })).toHaveLength(0);
  expect(screen.getByText("Your garden is ready for its first plant")).toBeOnTheScreen();
  expect(screen.getByText(/^Join a Saving Session and use less than usual during it\. Each successful session plants something/)).toBeOnTheScreen();
  expect(screen.getByText("Level 1 · Seedling")).toBeOnTheScreen();
  expect(screen.getByText("No streak yet")).toBeOnTheScreen();
  expect(screen.getByText("3 more successful sessions to the next streak bonus of 50 points.")).toBeOnTheScreen();
});

test("a wilting garden keeps its plants and invites the household back to the next session", async () => {
  await openGarden(progress({ garden: { health: "wilting", recent_sessions: 3, recent_saved: 0 } }));
  const picture = await screen.findByLabelText("Your Green Garden: wilting, 3 plants");
  expect(within(picture).getAllByRole("img", { name: /planted/ })).toHaveLength(3);
  expect(screen.getByText(/^Your garden has been waiting for you, and every plant is still here\./)).toBeOnTheScreen();
  expect(screen.getByText("You saved in 0 of the last 3 sessions open to you.")).toBeOnTheScreen();
  fireEvent.press(screen.getByRole("button", { name: "Upcoming sessions" }));
  expect(await screen.findByRole("tab", { name: "Upcoming", selected: true })).toBeOnTheScreen();
});

test("a garden of many plants shows the latest 24 and says how many more it has", async () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    plant({ session_id: `s-${i}`, planted_on: `2026-${i < 15 ? "11" : "12"}-${String((i % 15) + 1).padStart(2, "0")}` }),
  );
  await openGarden(progress({ garden: { plants: many } }));
  const picture = await screen.findByLabelText("Your Green Garden: thriving, 30 plants, the latest 24 shown");
  expect(within(picture).getAllByRole("img", { name: /^Lavender, young, planted/ })).toHaveLength(24);
  // The oldest six are not drawn.
  expect(within(picture).queryByRole("img", { name: "Lavender, young, planted 1 November 2026" })).toBeNull();
  expect(within(picture).getByRole("img", { name: "Lavender, young, planted 15 December 2026" })).toBeOnTheScreen();
  expect(within(picture).getByText("+6 more")).toBeOnTheScreen();
});

test("in Greek the plants, the garden's health and the streak are told in Greek", async () => {
  const greekNames: Partial<Record<Species, string>> = { thyme: "Θυμάρι", lavender: "Λεβάντα", sunflower: "Ηλίανθος" };
  const greekPlants = threePlants.map((one) => ({ ...one, species_name: greekNames[one.species] ?? one.species_name }));
  await openGarden(progress({ garden: { plants: greekPlants, health: "thirsty" } }), "el");
  const picture = await screen.findByLabelText("Ο Πράσινος Κήπος σας: διψάει, 3 φυτά");
  expect(within(picture).getByRole("img", { name: "Λεβάντα, νεαρό φυτό, φυτεύτηκε στις 3 Δεκεμβρίου 2026" })).toBeOnTheScreen();
  expect(screen.getByText("Εξοικονομήσατε σε 2 από τις 3 τελευταίες περιόδους που ήταν ανοιχτές σε εσάς.")).toBeOnTheScreen();
  expect(screen.getByText("Σερί 2 περιόδων")).toBeOnTheScreen();
  expect(screen.getByText("Ακόμη 1 επιτυχημένη περίοδος για το επόμενο μπόνους σερί: 50 πόντοι.")).toBeOnTheScreen();
  expect(screen.getByText("Αποφύγατε 12,3 kg CO₂")).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Επερχόμενες περίοδοι" })).toBeOnTheScreen();
});
