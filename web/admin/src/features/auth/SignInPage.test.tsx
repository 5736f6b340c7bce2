import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { tokenStore } from "../../auth/tokens";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, overview, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const pair = { access_token: "access-1", refresh_token: "refresh-1", token_type: "Bearer", expires_in: 900 };

async function signIn(email: string, password: string) {
  const person = userEvent.setup();
  await person.type(screen.getByLabelText("E-mail"), email);
  await person.type(screen.getByLabelText("Password"), password);
  await person.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("signing in", () => {
  it("sends anyone not signed in to the sign-in page", async () => {
    fakeApi({});
    renderApp("/users");
    expect(await screen.findByRole("heading", { name: "Sign in to the admin dashboard" })).toBeInTheDocument();
  });

  it("lets staff in and returns them to the page they asked for", async () => {
    fakeApi({
      "POST /auth/login": () => ({ body: pair }),
      "GET /me": () => ({ body: admin }),
      "GET /admin/users": () => ({ body: { items: [], page: 1, per_page: 25, total: 0 } }),
      "GET /admin/overview": () => ({ body: overview }),
    });
    renderApp("/users");
    await signIn("admin@example.com", "admin password");
    expect(await screen.findByRole("heading", { level: 1, name: "Users" })).toBeInTheDocument();
    expect(screen.getByText(/Signed in as/)).toHaveTextContent("Andreas Admin");
    expect(tokenStore.get()).toEqual({ accessToken: "access-1", refreshToken: "refresh-1" });
  });

  it("refuses a household account, and signs that session out again", async () => {
    const server = fakeApi({
      "POST /auth/login": () => ({ body: pair }),
      "GET /me": () => ({ body: user() }),
      "POST /auth/logout": () => ({ status: 204 }),
    });
    renderApp("/signin");
    await signIn("eleni@example.com", "consumer password");
    expect(await screen.findByRole("alert")).toHaveTextContent("This dashboard is for utility staff");
    expect(tokenStore.get()).toBeNull();
    expect(server.callsTo("POST", "/auth/logout")[0]?.body).toEqual({ refresh_token: "refresh-1" });
  });

  it("shows the server's explanation when sign-in fails", async () => {
    fakeApi({ "POST /auth/login": () => problem(401, "invalid email or password") });
    renderApp("/signin");
    await signIn("admin@example.com", "wrong password");
    expect(await screen.findByRole("alert")).toHaveTextContent("invalid email or password");
  });

  it("signs out through the API and back to the sign-in page", async () => {
    const server = fakeApi({
      "GET /admin/overview": () => ({ body: overview }),
      "POST /auth/logout": () => ({ status: 204 }),
    });
    renderApp("/", { as: admin });
    await userEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in to the admin dashboard" })).toBeInTheDocument();
    expect(server.callsTo("POST", "/auth/logout")[0]?.body).toEqual({ refresh_token: "refresh-1" });
    expect(tokenStore.get()).toBeNull();
  });
});
