import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

/** A server with 60 households, paged and searched like the real one. */
function households() {
  const all = Array.from({ length: 60 }, (_, i) =>
    user({ id: `id-${i + 1}`, display_name: `Household ${i + 1}`, email: `h${i + 1}@example.com` }),
  );
  return ({ query }: Call) => {
    const q = query.get("q") ?? "";
    const page = Number(query.get("page") ?? 1);
    const perPage = Number(query.get("per_page") ?? 25);
    const sort = query.get("sort") ?? "-created_at";
    const matching = all.filter((u) => u.email.includes(q) || u.display_name.includes(q));
    if (sort === "-email") matching.sort((a, b) => b.email.localeCompare(a.email));
    return {
      body: { items: matching.slice((page - 1) * perPage, page * perPage), page, per_page: perPage, total: matching.length },
    };
  };
}

const rows = () => within(screen.getByRole("table", { name: "Users" })).getAllByRole("row").slice(1);

describe("the users list", () => {
  it("pages through the server's results", async () => {
    const server = fakeApi({ "GET /admin/users": households(), "GET /programme": () => ({ body: programme }) });
    const { router } = renderApp("/users", { as: admin });
    expect(await screen.findByRole("link", { name: "Household 1" })).toBeInTheDocument();
    expect(rows()).toHaveLength(25);
    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("1–25 of 60 · Page 1 of 3");
    expect(within(pagination).getByRole("button", { name: "Previous page" })).toBeDisabled();

    await userEvent.click(within(pagination).getByRole("button", { name: "Next page" }));
    expect(await screen.findByRole("link", { name: "Household 26" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?page=2");
    expect(server.calls.at(-1)?.query.get("page")).toBe("2");

    await userEvent.selectOptions(screen.getByLabelText("Rows per page"), "50");
    expect(await screen.findByText(/1–50 of 60/)).toBeInTheDocument();
    expect(rows()).toHaveLength(50);
  });

  it("searches by text and filters by role on the server", async () => {
    const server = fakeApi({ "GET /admin/users": households(), "GET /programme": () => ({ body: programme }) });
    renderApp("/users?page=2", { as: admin });
    await screen.findByRole("link", { name: "Household 26" });

    await userEvent.type(screen.getByRole("searchbox", { name: "Search users" }), "h42@");
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByRole("link", { name: "Household 42" })).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    expect(server.calls.at(-1)?.query.toString()).toBe("q=h42%40&sort=-created_at&page=1&per_page=25");

    await userEvent.selectOptions(screen.getByLabelText("Role"), "admin");
    expect(server.calls.at(-1)?.query.get("role")).toBe("admin");
    expect(server.calls.at(-1)?.query.get("q")).toBe("h42@");
  });

  it("sorts by a column on the server, and the address keeps the order", async () => {
    const server = fakeApi({ "GET /admin/users": households(), "GET /programme": () => ({ body: programme }) });
    const { router } = renderApp("/users?page=2", { as: admin });
    await screen.findByRole("link", { name: "Household 26" });
    expect(screen.getByRole("columnheader", { name: "Registered" })).toHaveAttribute("aria-sort", "descending");
    expect(screen.getByRole("columnheader", { name: "Status" })).not.toHaveAttribute("aria-sort");
    expect(within(screen.getByRole("columnheader", { name: "Status" })).queryByRole("button")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "E-mail" }));
    expect(screen.getByRole("columnheader", { name: "E-mail" })).toHaveAttribute("aria-sort", "ascending");
    expect(server.calls.at(-1)?.query.get("sort")).toBe("email");
    await userEvent.click(screen.getByRole("button", { name: "E-mail" }));
    expect(await screen.findByRole("columnheader", { name: "E-mail" })).toHaveAttribute("aria-sort", "descending");
    expect(router.state.location.search).toBe("?sort=-email");
    // h9 before h60 in reverse alphabetical order.
    expect(await screen.findByRole("link", { name: "Household 9" })).toBeInTheDocument();
    expect(within(rows()[0]!).getByRole("link")).toHaveTextContent("Household 9");
    expect(server.calls.at(-1)?.query.toString()).toBe("sort=-email&page=1&per_page=25");

    await userEvent.click(screen.getByRole("button", { name: "Last sign-in" }));
    expect(server.calls.at(-1)?.query.get("sort")).toBe("-last_login_at");
  });

  it("says when nothing matches", async () => {
    fakeApi({ "GET /admin/users": households(), "GET /programme": () => ({ body: programme }) });
    renderApp("/users?q=nobody", { as: admin });
    expect(await screen.findByText("No users match this search.")).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Search users" })).toHaveValue("nobody");
  });

  it("shows the server's problem and field errors", async () => {
    fakeApi({
      "GET /admin/users": () =>
        problem(422, "page: per_page must be between 1 and 100", [
          { field: "page", message: "per_page must be between 1 and 100" },
        ]),
    });
    renderApp("/users", { as: admin });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load users");
    expect(alert).toHaveTextContent("page: per_page must be between 1 and 100");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("shows that it is loading", async () => {
    fakeApi({ "GET /admin/users": () => new Promise(() => undefined) });
    renderApp("/users", { as: admin });
    expect(await screen.findByRole("status")).toHaveTextContent("Loading users…");
  });
});
