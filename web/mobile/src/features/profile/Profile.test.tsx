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

test("a household with no meter is told the utility links it", async () => {
  const { services } = signedIn({ "GET /me/household": () => ({ status: 200, body: { ...household, meters: [] } }) });
  renderApp(services);
  await openProfile();
  expect(await screen.findByText("No meter is linked yet. The utility links your smart meter.")).toBeOnTheScreen();
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
