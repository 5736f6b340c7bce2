import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, json } from "../test/fakeApi";
import { admin, overview, programme } from "../test/fixtures";
import { renderApp } from "../test/renderApp";
import { browserLanguage, storedLanguage } from "./languages";

const pair = { access_token: "access-1", refresh_token: "refresh-1", token_type: "Bearer", expires_in: 900 };

function server(routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/overview": () => ({ body: overview }),
    "GET /admin/overview/sessions": () => ({ body: { items: [], page: 1, per_page: 10, total: 0 } }),
    "GET /admin/overview/consumption": () => ({ body: { resolution: "1d", time_zone: "Europe/Nicosia", buckets: [], total_kwh: 0 } }),
    ...routes,
  });
}

describe("choosing the language", () => {
  it("starts in Greek for a browser whose first language is Greek, else in English", () => {
    expect(browserLanguage(["el-GR", "en"])).toBe("el");
    expect(browserLanguage(["el"])).toBe("el");
    expect(browserLanguage(["en-GB", "el"])).toBe("en");
    expect(browserLanguage([])).toBe("en");
  });

  it("keeps the sign-in page's choice in this browser and marks the page's language", async () => {
    server();
    renderApp("/signin");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Language" }), "Ελληνικά");
    expect(await screen.findByRole("heading", { name: "Σύνδεση στον πίνακα διαχείρισης" })).toBeInTheDocument();
    expect(screen.getByLabelText("Κωδικός πρόσβασης")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Σύνδεση" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("el");
    expect(document.title).toBe("Σύνδεση · PowerSave – Πίνακας διαχείρισης");
    expect(storedLanguage()).toBe("el");
  });

  it("follows the account's language once signed in, over the sign-in page's choice", async () => {
    server({
      "POST /auth/login": () => ({ body: pair }),
      "GET /me": () => ({ body: { ...admin, language: "en" } }),
    });
    renderApp("/signin", { language: "el" });
    await userEvent.type(screen.getByLabelText("Email"), "admin@example.com");
    await userEvent.type(screen.getByLabelText("Κωδικός πρόσβασης"), "admin password");
    await userEvent.click(screen.getByRole("button", { name: "Σύνδεση" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
  });

  it("changes the account's language from the header, then shows the dashboard in it", async () => {
    const api = server({ "PATCH /me": ({ body }) => ({ body: { ...admin, ...(body as object) } }) });
    renderApp("/", { as: admin });
    await screen.findByRole("heading", { level: 1, name: "Overview" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Language" }), "el");
    expect(await screen.findByRole("heading", { level: 1, name: "Επισκόπηση" })).toBeInTheDocument();
    expect(api.callsTo("PATCH", "/me").map((call) => call.body)).toEqual([{ language: "el" }]);
    const nav = screen.getByRole("navigation", { name: "Κύρια πλοήγηση" });
    expect(within(nav).getByRole("link", { name: "Χρήστες" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Γλώσσα" })).toHaveValue("el");
    expect(document.documentElement.lang).toBe("el");
  });

  it("stays in its language and says so when the account's language cannot be changed", async () => {
    server({
      "PATCH /me": () =>
        json(422, {
          type: "urn:powersave:problem:validation-failed",
          title: "Validation failed",
          status: 422,
          detail: "language: unknown language",
          errors: [{ field: "language", message: "unknown language" }],
        }),
    });
    renderApp("/", { as: admin });
    await screen.findByRole("heading", { level: 1, name: "Overview" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Language" }), "el");
    expect(await screen.findByRole("alert")).toHaveTextContent("The language was not changed. language: unknown language");
    expect(screen.getByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  });
});
