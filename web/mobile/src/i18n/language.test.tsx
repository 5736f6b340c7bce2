import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import { memoryVault, problem, servicesFor, tokens, type Routes } from "../test/fakeServer";
import { household, page, summary, user } from "../test/fixtures";
import { renderApp } from "../test/renderApp";
import { memoryLanguageChoice } from "./choiceStore";
import type { Language } from "./languages";

const home: Routes = {
  "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
  "GET /me/household": () => ({ status: 200, body: household }),
  "GET /sessions": () => ({ status: 200, body: page([]) }),
  "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
};

test("on the sign-in screen «Ελληνικά» switches the app to Greek at once and keeps the choice on the device", async () => {
  const store = memoryLanguageChoice();
  const { services } = servicesFor({});
  renderApp(services, { languageStore: store });
  fireEvent.press(await screen.findByRole("button", { name: "Sign in" }));
  expect(screen.getByRole("radio", { name: "English", checked: true })).toBeOnTheScreen();

  fireEvent.press(screen.getByRole("radio", { name: "Ελληνικά" }));
  expect(await screen.findByLabelText("Κωδικός πρόσβασης")).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Σύνδεση" })).toBeOnTheScreen();
  expect(screen.getByRole("radio", { name: "Ελληνικά", checked: true })).toBeOnTheScreen();
  await waitFor(() => expect(store.value).toBe("el"));
});

test("a language chosen earlier on this device greets the next start, whatever the device's own language", async () => {
  const { services } = servicesFor({});
  renderApp(services, { language: "en", languageStore: memoryLanguageChoice("el") });
  expect(await screen.findByRole("button", { name: "Δημιουργία λογαριασμού" })).toBeOnTheScreen();
});

test("a household that registers in Greek gets a Greek account: the register request says so", async () => {
  const { services, server } = servicesFor({
    ...home,
    "POST /auth/register": () => ({ status: 201, body: { ...user, language: "el" } }),
    "POST /auth/login": () => ({ status: 200, body: tokens(1) }),
    "GET /me": () => ({ status: 200, body: { ...user, language: "el" } }),
  });
  renderApp(services, { language: "el" });
  fireEvent.press(await screen.findByRole("button", { name: "Δημιουργία λογαριασμού" }));
  fireEvent.changeText(screen.getByLabelText("Όνομα που βλέπουν οι άλλοι"), "Ελένη");
  fireEvent.changeText(screen.getByLabelText("Email"), "eleni@example.com");
  fireEvent.changeText(screen.getByLabelText("Κωδικός πρόσβασης"), "green garden grows");
  fireEvent.press(screen.getByRole("button", { name: "Δημιουργία λογαριασμού" }));
  expect(await screen.findByText("Σήμερα μέχρι τώρα")).toBeOnTheScreen();
  expect(server.calls.find((call) => call.path === "/auth/register")?.body).toEqual({
    display_name: "Ελένη",
    email: "eleni@example.com",
    password: "green garden grows",
    language: "el",
  });
});

test("once signed in the account's language wins over the device's, and becomes the device's choice", async () => {
  const store = memoryLanguageChoice("en");
  const { services } = servicesFor(
    {
      ...home,
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: { ...user, language: "el" } }),
    },
    memoryVault("refresh-0"),
  );
  renderApp(services, { language: "en", languageStore: store });
  expect(await screen.findByText("Σήμερα μέχρι τώρα")).toBeOnTheScreen();
  // The tab and its header.
  expect(screen.getAllByText("Αρχική")).toHaveLength(2);
  await waitFor(() => expect(store.value).toBe("el"));
});

test("in Profile a new language is saved on the account (PATCH /me) and the app follows it", async () => {
  let account: Language = "en";
  const { services, server } = servicesFor(
    {
      ...home,
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: { ...user, language: account } }),
      "PATCH /me": ({ body }) => {
        account = body.language ?? account;
        return { status: 200, body: { ...user, language: account } };
      },
    },
    memoryVault("refresh-0"),
  );
  renderApp(services);
  fireEvent.press(await screen.findByText("Profile"));
  expect(await screen.findByText("eleni@example.com")).toBeOnTheScreen();
  fireEvent.press(screen.getByRole("radio", { name: "Ελληνικά" }));
  expect(await screen.findByText("Η εφαρμογή και τα μηνύματα που λαμβάνετε είναι πλέον στα Ελληνικά.")).toBeOnTheScreen();
  expect(screen.getByRole("button", { name: "Αποσύνδεση" })).toBeOnTheScreen();
  expect(server.calls.filter((call) => call.method === "PATCH" && call.path === "/me").map((call) => call.body)).toEqual([{ language: "el" }]);
});

test("a refusal in Greek is told in Greek, by its type and beside the field it is about", async () => {
  const { services } = servicesFor(
    {
      ...home,
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: { ...user, language: "el" } }),
      "PUT /me/password": () => ({
        status: 422,
        body: {
          ...problem(422, "invalid", [{ field: "current_password", message: "current password is not correct" }]),
          type: "urn:powersave:problem:validation-failed",
        },
      }),
    },
    memoryVault("refresh-0"),
  );
  renderApp(services, { language: "el" });
  fireEvent.press(await screen.findByText("Προφίλ"));
  fireEvent.press(await screen.findByRole("button", { name: "Αλλαγή κωδικού πρόσβασης" }));
  fireEvent.changeText(await screen.findByLabelText("Τρέχων κωδικός πρόσβασης"), "not my password");
  fireEvent.changeText(screen.getByLabelText("Νέος κωδικός πρόσβασης"), "sun on the solar panels");
  fireEvent.press(screen.getByRole("button", { name: "Αλλαγή κωδικού πρόσβασης" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Ο τρέχων κωδικός πρόσβασης δεν είναι σωστός.");
  expect(screen.getByLabelText("Τρέχων κωδικός πρόσβασης")).toHaveProp("aria-invalid", true);
});
