import { fireEvent, screen } from "@testing-library/react-native";
import type { MeterClaimResult, Onboarding } from "../../api/types";
import { problem } from "../../test/fakeServer";
import { household, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { atStep, buildingHistory, connectMeter, consentTerms } from "./fixtures";

const claimed = (status: "linked" | "review", message: string): MeterClaimResult => ({
  status,
  claim_id: "d0000000-0000-4000-8000-000000000001",
  message,
  household: { ...household, meters: status === "linked" ? [{ meter_id: "CY-SIM-0000061", interval_minutes: 15 }] : [] },
});

async function openConnect() {
  fireEvent.press(await screen.findByRole("button", { name: "Connect your meter" }));
  expect(await screen.findByText(consentTerms.text)).toBeOnTheScreen();
}

function fill(account = "9000000061", meter = "CY-SIM-0000061") {
  fireEvent.changeText(screen.getByLabelText("Account number (on your electricity bill, next to your name and address)"), account);
  fireEvent.changeText(screen.getByLabelText("Meter number (on your electricity bill, in the meter details, e.g. CY-SIM-0000041)"), meter);
}

test("the meter is not connected until the consent is agreed to", async () => {
  const { services, server } = atStep(() => connectMeter);
  renderApp(services);
  await openConnect();
  fill();
  fireEvent.press(screen.getByRole("button", { name: "Connect meter" }));
  expect(screen.getByText("Tick “I agree” to connect your meter.")).toBeOnTheScreen();
  expect(screen.getByRole("checkbox", { name: "I agree", checked: false })).toBeOnTheScreen();
  expect(server.calls.filter((call) => call.path === "/me/meter-claims")).toHaveLength(0);
});

test("numbers the server refuses are pointed out beside their fields, in the server's words in English", async () => {
  const { services } = atStep(() => connectMeter, {
    "POST /me/meter-claims": () => ({
      status: 422,
      body: problem(422, "validation failed", [
        { field: "account_number", message: "account number and meter number do not match a customer of the utility" },
        { field: "meter_id", message: "a meter number looks like CY-SIM-0000041" },
      ]),
    }),
  });
  renderApp(services);
  await openConnect();
  fill("12", "nonsense");
  fireEvent.press(screen.getByRole("checkbox", { name: "I agree" }));
  fireEvent.press(screen.getByRole("button", { name: "Connect meter" }));
  expect(await screen.findByText("account number and meter number do not match a customer of the utility")).toBeOnTheScreen();
  expect(screen.getByText("a meter number looks like CY-SIM-0000041")).toBeOnTheScreen();
  expect(screen.getByLabelText("Account number (on your electricity bill, next to your name and address)")).toHaveProp("aria-invalid", true);
});

test("in Greek a refused field gets the Greek message for that field", async () => {
  const { services } = atStep(() => connectMeter, {
    "GET /me": () => ({ status: 200, body: { ...user, language: "el" } }),
    "POST /me/meter-claims": () => ({ status: 422, body: problem(422, "validation failed", [{ field: "meter_id", message: "not a meter number" }]) }),
  });
  renderApp(services, { language: "el" });
  fireEvent.press(await screen.findByRole("button", { name: "Σύνδεση μετρητή" }));
  fireEvent.changeText(await screen.findByLabelText(/^Αριθμός λογαριασμού/), "9000000061");
  fireEvent.changeText(screen.getByLabelText(/^Αριθμός μετρητή/), "x");
  fireEvent.press(screen.getByRole("checkbox", { name: "Συμφωνώ" }));
  fireEvent.press(screen.getAllByRole("button", { name: "Σύνδεση μετρητή" }).at(-1)!);
  expect(
    await screen.findByText("Πληκτρολογήστε τον αριθμό μετρητή ακριβώς όπως είναι τυπωμένος στον λογαριασμό ηλεκτρικού ρεύματος."),
  ).toBeOnTheScreen();
});

test("too many attempts are told as such", async () => {
  const { services } = atStep(() => connectMeter, {
    "POST /me/meter-claims": () => ({ status: 429, body: { ...problem(429, "too many meter claims; try again in an hour"), type: "urn:powersave:problem:rate-limited" } }),
  });
  renderApp(services);
  await openConnect();
  fill();
  fireEvent.press(screen.getByRole("checkbox", { name: "I agree" }));
  fireEvent.press(screen.getByRole("button", { name: "Connect meter" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("too many meter claims; try again in an hour");
});

test("a claim sent to staff review says what happens next", async () => {
  const message = "Thank you. Staff will check this claim and you will hear back; your meter is not connected yet.";
  const { services } = atStep(() => connectMeter, { "POST /me/meter-claims": () => ({ status: 202, body: claimed("review", message) }) });
  renderApp(services);
  await openConnect();
  fill();
  fireEvent.press(screen.getByRole("checkbox", { name: "I agree" }));
  fireEvent.press(screen.getByRole("button", { name: "Connect meter" }));
  expect(await screen.findByRole("heading", { name: "Waiting for staff review" })).toBeOnTheScreen();
  expect(screen.getByText(message)).toBeOnTheScreen();
});

test("a linked meter sends the household back to Home, which asks again and follows the meter's history", async () => {
  let step: Onboarding = connectMeter;
  const message = "Your meter is connected. We are fetching its recent readings.";
  const { services, server } = atStep(() => step, {
    "POST /me/meter-claims": () => {
      step = buildingHistory;
      return { status: 201, body: claimed("linked", message) };
    },
  });
  renderApp(services);
  await openConnect();
  fill(" 9000000061 ", "CY-SIM-0000061");
  fireEvent.press(screen.getByRole("checkbox", { name: "I agree" }));
  fireEvent.press(screen.getByRole("button", { name: "Connect meter" }));
  expect(await screen.findByText(message)).toBeOnTheScreen();
  expect(await screen.findByText(buildingHistory.eligibility!.explanation)).toBeOnTheScreen();
  expect(screen.queryByRole("heading", { name: "Connect your meter" })).toBeNull();
  const claims = server.calls.filter((call) => call.path === "/me/meter-claims");
  expect(claims.map((call) => call.body)).toEqual([{ account_number: "9000000061", meter_id: "CY-SIM-0000061", consent_version: "2026-12" }]);
  expect(server.calls.filter((call) => call.path === "/me/onboarding").length).toBeGreaterThan(1);
});
