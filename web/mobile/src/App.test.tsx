import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import { page, summary, upcomingSession, household, user } from "./test/fixtures";
import { memoryVault, problem, servicesFor, tokens } from "./test/fakeServer";
import { renderApp } from "./test/renderApp";

const signedInRoutes = {
  "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
  "GET /sessions": () => ({ status: 200, body: page([upcomingSession()]) }),
  "GET /me/household": () => ({ status: 200, body: household }),
  "GET /me": () => ({ status: 200, body: user }),
  "POST /auth/logout": () => ({ status: 204 }),
};

test("registering shows the server's field errors, then signs in and lands on Home", async () => {
  let attempts = 0;
  const { services, vault } = servicesFor({
    ...signedInRoutes,
    "POST /auth/register": () => {
      attempts += 1;
      return attempts === 1
        ? { status: 422, body: problem(422, "invalid", [{ field: "password", message: "at least 10 characters" }]) }
        : { status: 201, body: user };
    },
    "POST /auth/login": () => ({ status: 200, body: tokens(1) }),
  });
  renderApp(services);

  fireEvent.press(await screen.findByRole("button", { name: "Create an account" }));
  fireEvent.changeText(screen.getByLabelText("Name shown to others"), "Eleni");
  fireEvent.changeText(screen.getByLabelText("E-mail"), "eleni@example.com");
  fireEvent.changeText(screen.getByLabelText("Password"), "short");
  fireEvent.press(screen.getByRole("button", { name: "Create account" }));
  expect(await screen.findByText("at least 10 characters")).toBeOnTheScreen();

  fireEvent.changeText(screen.getByLabelText("Password"), "green garden grows");
  fireEvent.press(screen.getByRole("button", { name: "Create account" }));
  expect(await screen.findByText("Today so far")).toBeOnTheScreen();
  expect(await screen.findByText("4.50 kWh")).toBeOnTheScreen();
  expect(await screen.findByRole("button", { name: "Join Evening peak" })).toBeOnTheScreen();
  await waitFor(() => expect(vault.value).toBe("refresh-1"));
});

test("a wrong password is explained and the household stays on the sign-in screen", async () => {
  const { services } = servicesFor({
    "POST /auth/login": () => ({ status: 401, body: problem(401, "wrong e-mail or password") }),
  });
  renderApp(services);
  fireEvent.press(await screen.findByRole("button", { name: "Sign in" }));
  fireEvent.changeText(screen.getByLabelText("E-mail"), "eleni@example.com");
  fireEvent.changeText(screen.getByLabelText("Password"), "not it at all");
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("wrong e-mail or password");
});

test("a saved sign-in is restored through the refresh token, and signing out forgets it", async () => {
  const vault = memoryVault("refresh-0");
  const { services, server } = servicesFor(
    { ...signedInRoutes, "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }) },
    vault,
  );
  renderApp(services);
  expect(await screen.findByText("Today so far")).toBeOnTheScreen();
  expect(server.calls[0]).toMatchObject({ path: "/auth/refresh", body: { refresh_token: "refresh-0" } });

  fireEvent.press(screen.getByText("Profile"));
  fireEvent.press(await screen.findByRole("button", { name: "Sign out" }));
  expect(await screen.findByRole("button", { name: "Create an account" })).toBeOnTheScreen();
  expect(server.calls.at(-1)).toMatchObject({ path: "/auth/logout", body: { refresh_token: "refresh-1" } });
  await waitFor(() => expect(vault.value).toBeNull());
});
