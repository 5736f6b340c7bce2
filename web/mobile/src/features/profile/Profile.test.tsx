import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import type { Household } from "../../api/types";
import { memoryVault, problem, servicesFor, tokens, type Routes } from "../../test/fakeServer";
import { household, page, summary, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

function signedIn(routes: Routes = {}) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: user }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /programme": () => ({
        status: 200,
        body: { time_zone: "Europe/Nicosia", districts: ["Nicosia", "Limassol"], default_tariff_code: "01" },
      }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      ...routes,
    },
    memoryVault("refresh-0"),
  );
}

async function openProfile() {
  fireEvent.press(await screen.findByText("Profile"));
  expect(await screen.findByText("eleni@example.com")).toBeOnTheScreen();
}

test("Profile shows the account, the household with its zone and tariff, and its meters", async () => {
  const { services } = signedIn();
  renderApp(services);
  await openProfile();
  expect(screen.getByText("Eleni")).toBeOnTheScreen();
  expect(await screen.findByLabelText("Household name")).toHaveDisplayValue("Eleni's home");
  expect(screen.getByText("Time zone: Europe/Nicosia")).toBeOnTheScreen();
  expect(screen.getByText("Tariff: 01")).toBeOnTheScreen();
  expect(screen.getByText("Meter CY-0001: a reading every 15 minutes")).toBeOnTheScreen();
  expect(await screen.findByRole("radio", { name: "Nicosia", checked: true })).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Save household" })).toBeDisabled();
});

test("a household with no meter is told to connect it with the bill's numbers, and is taken to Connect", async () => {
  const { services } = signedIn({
    "GET /me/household": () => ({ status: 200, body: { ...household, meters: [] } }),
    "GET /me/consent": () => ({ status: 200, body: { version: "2026-12", text: "I agree that PowerSave reads my meter." } }),
  });
  renderApp(services);
  await openProfile();
  expect(await screen.findByText("No meter is connected yet. Connect it with the numbers on your electricity bill.")).toBeOnTheScreen();
  fireEvent.press(screen.getByRole("button", { name: "Connect your meter" }));
  expect(await screen.findByText("I agree that PowerSave reads my meter.")).toBeOnTheScreen();
});

test("the home's facts are saved with only what changed, and a count that is not a number is pointed out", async () => {
  const saved: unknown[] = [];
  const { services } = signedIn({
    "GET /me/household": () => ({ status: 200, body: { ...household, people: 2, water_heater: "electric" } }),
    "PATCH /me/household": ({ body }) => {
      saved.push(body);
      return { status: 200, body: { ...household, people: 2, water_heater: "solar", air_conditioners: 3, rooftop_pv: true } };
    },
  });
  renderApp(services);
  await openProfile();
  expect(await screen.findByLabelText("People living here (1–20)")).toHaveDisplayValue("2");
  expect(screen.getByRole("radio", { name: "Electric water heater", checked: true })).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Save your home" })).toBeDisabled();

  fireEvent.changeText(screen.getByLabelText("Air-conditioning units (0–20)"), "three");
  expect(screen.getByText("Enter how many air-conditioning units you have, from 0 to 20.")).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Save your home" })).toBeDisabled();
  fireEvent.changeText(screen.getByLabelText("Air-conditioning units (0–20)"), "3");
  fireEvent.press(screen.getByRole("radio", { name: "Solar water heater" }));
  fireEvent.press(screen.getByRole("checkbox", { name: "Rooftop solar panels feed this home" }));
  fireEvent.press(screen.getByRole("button", { name: "Save your home" }));
  expect(await screen.findByText("Saved.")).toBeOnTheScreen();
  // The number of people, not changed, and the electric vehicle, never told, are not sent.
  expect(saved).toEqual([{ water_heater: "solar", air_conditioners: 3, rooftop_pv: true }]);
  expect(screen.getByRole("checkbox", { name: "An electric vehicle charges here", checked: false })).toBeOnTheScreen();
});

test("withdrawing a consent says first that the meter is disconnected and past results keep their readings", async () => {
  let withdrawn: string | null = null;
  const consent = { id: "c0000000-0000-4000-8000-000000000001", meter_id: "CY-0001", text_version: "2026-12", granted_at: "2026-07-01T08:00:00Z" };
  const { services, server } = signedIn({
    "GET /me/consents": () => ({ status: 200, body: [withdrawn ? { ...consent, withdrawn_at: withdrawn } : consent] }),
    "DELETE /me/consents/{id}": ({ params }) => {
      withdrawn = "2026-07-05T08:00:00Z";
      return { status: 200, body: { ...consent, id: params.id ?? "", withdrawn_at: withdrawn } };
    },
  });
  renderApp(services);
  await openProfile();
  expect(await screen.findByText("Meter CY-0001: you agreed on 1 July 2026")).toBeOnTheScreen();
  fireEvent.press(screen.getByRole("button", { name: "Withdraw consent for meter CY-0001" }));
  expect(
    screen.getByText(
      "Withdrawing your consent disconnects meter CY-0001 from your household: its new readings no longer count for you. Readings already used for results are kept with those results.",
    ),
  ).toBeOnTheScreen();
  fireEvent.press(screen.getByRole("button", { name: "Keep connected" }));
  expect(server.calls.filter((call) => call.method === "DELETE")).toHaveLength(0);

  fireEvent.press(screen.getByRole("button", { name: "Withdraw consent for meter CY-0001" }));
  fireEvent.press(screen.getByRole("button", { name: "Withdraw and disconnect" }));
  expect(await screen.findByText("Your consent is withdrawn and meter CY-0001 is disconnected.")).toBeOnTheScreen();
  expect(await screen.findByText("Meter CY-0001: you agreed on 1 July 2026, withdrawn on 5 July 2026")).toBeOnTheScreen();
  expect(server.calls.filter((call) => call.method === "DELETE").map((call) => call.path)).toEqual([`/me/consents/${consent.id}`]);
});

test("saving the household shows the server's field error beside the name, then saves", async () => {
  let attempts = 0;
  const saved: unknown[] = [];
  const { services } = signedIn({
    "PATCH /me/household": ({ body }) => {
      attempts += 1;
      saved.push(body);
      if (attempts === 1) {
        return { status: 422, body: problem(422, "invalid", [{ field: "name", message: "must be 1-80 characters" }]) };
      }
      return { status: 200, body: { ...household, ...(body as Partial<Household>) } };
    },
  });
  renderApp(services);
  await openProfile();
  const name = await screen.findByLabelText("Household name");
  fireEvent.changeText(name, "   ");
  fireEvent.press(screen.getByRole("radio", { name: "Limassol" }));
  fireEvent.press(screen.getByRole("button", { name: "Save household" }));
  expect(await screen.findByText("must be 1-80 characters")).toBeOnTheScreen();
  expect(screen.getByLabelText("Household name")).toHaveProp("aria-invalid", true);

  fireEvent.changeText(screen.getByLabelText("Household name"), "Eleni's flat");
  fireEvent.press(screen.getByRole("button", { name: "Save household" }));
  expect(await screen.findByText("Saved.")).toBeOnTheScreen();
  expect(screen.queryByText("must be 1-80 characters")).toBeNull();
  expect(saved.at(-1)).toEqual({ name: "Eleni's flat", district: "Limassol" });
});

test("Change password shows each field's error from the server beside that field, and continues signed in", async () => {
  const answers = [
    problem(422, "invalid", [{ field: "new_password", message: "at least 10 characters" }]),
    problem(422, "invalid", [{ field: "current_password", message: "current password is not correct" }]),
  ];
  const { services, server, vault } = signedIn({
    "PUT /me/password": () => {
      const refusal = answers.shift();
      return refusal ? { status: 422, body: refusal } : { status: 200, body: tokens(2) };
    },
  });
  renderApp(services);
  await openProfile();
  fireEvent.press(screen.getByRole("button", { name: "Change password" }));
  const current = await screen.findByLabelText("Current password");
  const next = screen.getByLabelText("New password");
  expect(screen.getByRole("button", { name: "Change password" })).toBeDisabled();

  fireEvent.changeText(current, "green garden grows");
  fireEvent.changeText(next, "short");
  fireEvent.press(screen.getByRole("button", { name: "Change password" }));
  expect(await screen.findByText("at least 10 characters")).toBeOnTheScreen();
  expect(screen.getByLabelText("New password")).toHaveProp("aria-invalid", true);
  expect(screen.getByLabelText("Current password")).toHaveProp("aria-invalid", false);

  fireEvent.changeText(screen.getByLabelText("Current password"), "not my password");
  fireEvent.changeText(screen.getByLabelText("New password"), "sun on the solar panels");
  fireEvent.press(screen.getByRole("button", { name: "Change password" }));
  expect(await screen.findByText("current password is not correct")).toBeOnTheScreen();
  expect(screen.queryByText("at least 10 characters")).toBeNull();
  expect(screen.getByLabelText("Current password")).toHaveProp("aria-invalid", true);
  expect(screen.getByLabelText("New password")).toHaveProp("aria-invalid", false);
  // Field errors are not repeated as a general alert.
  expect(screen.getAllByRole("alert")).toHaveLength(1);

  fireEvent.changeText(screen.getByLabelText("Current password"), "green garden grows");
  fireEvent.press(screen.getByRole("button", { name: "Change password" }));
  expect(await screen.findByText("eleni@example.com")).toBeOnTheScreen();
  expect(server.calls.filter((call) => call.path === "/me/password").at(-1)?.body).toEqual({
    current_password: "green garden grows",
    new_password: "sun on the solar panels",
  });
  // The sign-in continues with the pair the server issued.
  await waitFor(() => expect(vault.value).toBe("refresh-2"));
});
