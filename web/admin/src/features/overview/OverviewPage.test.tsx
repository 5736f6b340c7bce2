import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, overview } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

describe("the overview", () => {
  it("shows the programme's headline figures as cards", async () => {
    fakeApi({ "GET /admin/overview": () => ({ body: overview }) });
    renderApp("/", { as: admin });
    const registered = await screen.findByRole("group", { name: "Households registered" });
    expect(registered).toHaveTextContent(new Intl.NumberFormat().format(12345));
    const active = screen.getByRole("group", { name: "Households active (30 days)" });
    expect(active).toHaveTextContent(new Intl.NumberFormat().format(6789));
    expect(active).toHaveTextContent(/55%.*of registered households/);
    expect(within(screen.getByRole("group", { name: "Staff accounts" })).getByText("4")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("explains a failure", async () => {
    fakeApi({ "GET /admin/overview": () => problem(500, "internal error, request id abc") });
    renderApp("/", { as: admin });
    expect(await screen.findByRole("alert")).toHaveTextContent("internal error, request id abc");
  });
});
