import { fireEvent, screen } from "@testing-library/react-native";
import { user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { atStep, buildingHistory, connectMeter, consentTerms } from "./fixtures";

test("without a meter Home asks to connect one, says nothing of readings, and leads to Connect", async () => {
  const { services } = atStep(() => connectMeter);
  renderApp(services);
  expect(await screen.findByRole("heading", { name: "Connect your meter" })).toBeOnTheScreen();
  expect(screen.queryByText("Today so far")).toBeNull();
  expect(screen.queryByText(/readings have not arrived|No meter readings/)).toBeNull();
  fireEvent.press(screen.getByRole("button", { name: "Connect your meter" }));
  expect(await screen.findByText(consentTerms.text)).toBeOnTheScreen();
});

test("a claim waiting for staff review is named on Home until it is decided", async () => {
  const { services } = atStep(() => ({
    ...connectMeter,
    claim_in_review: { meter_id: "CY-SIM-0000003", created_at: "2026-12-08T08:00:00Z" },
  }));
  renderApp(services);
  expect(await screen.findByText(/Your claim for meter CY-SIM-0000003 is waiting for staff review/)).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Connect your meter" })).toBeOnTheScreen();
});

test("right after connecting Home says the meter's history is being fetched", async () => {
  const { services } = atStep(() => ({
    step: "fetching_history",
    meters: ["CY-SIM-0000061"],
    eligibility: null,
    history: { meter_id: "CY-SIM-0000061", days: 60, requested_at: "2026-12-08T08:00:00Z", completed_at: null, readings: null },
  }));
  renderApp(services);
  expect(await screen.findByRole("heading", { name: "Fetching your meter's history" })).toBeOnTheScreen();
  expect(screen.getByText(/last 60 days of readings/)).toBeOnTheScreen();
  expect(screen.queryByText("Today so far")).toBeNull();
});

test("with a meter and no readings yet Home says it is connected and when to expect them", async () => {
  const { services } = atStep(() => ({ step: "awaiting_data", meters: ["CY-SIM-0000061"], eligibility: null }));
  renderApp(services);
  expect(await screen.findByRole("heading", { name: "Your meter is connected" })).toBeOnTheScreen();
  expect(screen.getByText("No readings have arrived from your meter yet. Expect the first ones within a day.")).toBeOnTheScreen();
  expect(screen.queryByText("Today so far")).toBeNull();
});

test("while the history builds Home gives the server's explanation and the day the household can join", async () => {
  const { services } = atStep(() => buildingHistory);
  renderApp(services);
  expect(await screen.findByText(buildingHistory.eligibility!.explanation)).toBeOnTheScreen();
  expect(screen.getByText("If readings keep arriving, you can join Saving Sessions from 20 December 2026.")).toBeOnTheScreen();
  expect(await screen.findByText("Today so far")).toBeOnTheScreen();
  expect(screen.queryByText(/late/)).toBeNull();
});

test("in Greek the day to join is written the Greek way", async () => {
  const { services } = atStep(() => buildingHistory, { "GET /me": () => ({ status: 200, body: { ...user, language: "el" } }) });
  renderApp(services, { language: "el" });
  expect(
    await screen.findByText("Αν οι μετρήσεις συνεχίσουν να φτάνουν, μπορείτε να συμμετέχετε σε Περιόδους Εξοικονόμησης από τις 20 Δεκεμβρίου 2026."),
  ).toBeOnTheScreen();
});

test("when the readings are more than a day late Home says how late", async () => {
  const latest = "2026-12-03T15:00:00Z";
  const { services } = atStep(() => ({ step: "ready", meters: ["CY-0001"], latest_reading_at: latest, hours_behind: 30, eligibility: null }));
  renderApp(services);
  expect(await screen.findByRole("heading", { name: "Your meter's readings are late" })).toBeOnTheScreen();
  expect(screen.getByText("Your meter's readings are 30 hours late: the latest are up to 3 Dec 2026, 17:00.")).toBeOnTheScreen();
  expect(await screen.findByText("Today so far")).toBeOnTheScreen();
});

test("a ready household with fresh readings sees Home as before, with no onboarding card", async () => {
  const { services } = atStep(() => ({ step: "ready", meters: ["CY-0001"], hours_behind: 2, eligibility: null }));
  renderApp(services);
  expect(await screen.findByText("Today so far")).toBeOnTheScreen();
  expect(screen.queryByRole("heading", { name: /Connect your meter|late|Getting ready/ })).toBeNull();
});
