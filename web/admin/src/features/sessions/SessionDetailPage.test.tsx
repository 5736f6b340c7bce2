import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Session } from "../../api/types";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const id = session().id;

function server(current: Session, extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    [`GET /admin/sessions/${id}`]: () => ({ body: current }),
    "GET /admin/sessions": () => ({ body: { items: [current], page: 1, per_page: 25, total: 1 } }),
    ...extra,
  });
}

async function open() {
  renderApp(`/sessions/${id}`, { as: admin });
  await screen.findByRole("heading", { level: 1, name: "Evening peak" });
  return screen.getByRole("region", { name: "Actions" });
}

describe("a session's page", () => {
  it("shows the Greek title and description when the session has them, and no such facts when not", async () => {
    server(session({ title_el: "Βραδινή αιχμή", description_el: "Λιγότερη κατανάλωση από τις έξι έως τις επτάμισι." }));
    await open();
    const plan = screen.getByRole("region", { name: "Plan" });
    expect(within(plan).getByText("Title (Greek)").nextElementSibling).toHaveTextContent("Βραδινή αιχμή");
    expect(within(plan).getByText("Description (Greek)").nextElementSibling).toHaveTextContent(
      "Λιγότερη κατανάλωση από τις έξι έως τις επτάμισι.",
    );
  });

  it("leaves the Greek texts out of the plan when the session has none", async () => {
    server(session());
    await open();
    const plan = screen.getByRole("region", { name: "Plan" });
    expect(within(plan).queryByText("Title (Greek)")).not.toBeInTheDocument();
    expect(within(plan).queryByText("Description (Greek)")).not.toBeInTheDocument();
  });

  it("shows the plan in the programme's time zone, and where the results will go", async () => {
    server(
      session({
        state: "scheduled",
        participants: 1234,
        audience: { kind: "districts", districts: ["Nicosia", "Limassol"] },
        baseline_method: "high-x-of-y",
      }),
    );
    await open();
    const plan = screen.getByRole("region", { name: "Plan" });
    expect(await within(plan).findByText(/\b(6|18):00\D+(7|19):30\b/)).toBeInTheDocument();
    expect(plan).toHaveTextContent("Households in Nicosia and Limassol");
    expect(plan).toHaveTextContent("1,234");
    expect(plan).toHaveTextContent("High X of Y");
    expect(screen.getByText("Scheduled")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Results" })).toHaveTextContent(
      "Results appear here once the session has been settled",
    );
  });

  it("announces a draft after asking, and shows it scheduled", async () => {
    const api = server(session(), {
      [`POST /admin/sessions/${id}/announce`]: () => ({
        body: session({ state: "scheduled", announced_at: "2026-06-10T09:00:00Z" }),
      }),
    });
    const actions = await open();
    await userEvent.click(within(actions).getByRole("button", { name: "Announce" }));
    const dialog = screen.getByRole("dialog", { name: "Announce Evening peak?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Announce" }));

    expect(await within(actions).findByRole("status")).toHaveTextContent("The session is announced.");
    expect(screen.getByText("Scheduled")).toBeInTheDocument();
    expect(within(actions).queryByRole("button", { name: "Announce" })).not.toBeInTheDocument();
    expect(within(actions).getByRole("link", { name: "Edit" })).toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/sessions/${id}/announce`)).toHaveLength(1);
  });

  it("shows why the server would not announce", async () => {
    server(session(), {
      [`POST /admin/sessions/${id}/announce`]: () =>
        problem(422, "starts_at: a regular session must start at least 1440 minutes after it is announced", [
          { field: "starts_at", message: "a regular session must start at least 1440 minutes after it is announced" },
        ]),
    });
    const actions = await open();
    await userEvent.click(within(actions).getByRole("button", { name: "Announce" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Announce" }));

    const alert = await within(actions).findByRole("alert");
    expect(alert).toHaveTextContent("Could not announce the session");
    expect(alert).toHaveTextContent("at least 1440 minutes");
  });

  it("cancels only after confirmation", async () => {
    const api = server(session({ state: "scheduled" }), {
      [`POST /admin/sessions/${id}/cancel`]: () => ({ body: session({ state: "cancelled" }) }),
    });
    const actions = await open();
    await userEvent.click(within(actions).getByRole("button", { name: "Cancel session" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Cancel Evening peak?" })).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/sessions/${id}/cancel`)).toHaveLength(0);

    await userEvent.click(within(actions).getByRole("button", { name: "Cancel session" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel session" }));
    expect(await within(actions).findByRole("status")).toHaveTextContent("The session is cancelled.");
    expect(screen.getByText("Cancelled")).toBeInTheDocument();
    expect(within(actions).queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    expect(within(actions).queryByRole("link", { name: "Edit" })).not.toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/sessions/${id}/cancel`)).toHaveLength(1);
  });

  it.each<[Session["state"], string[]]>([
    ["live", ["Cancel session"]],
    ["settling", []],
    ["final", []],
    ["cancelled", []],
  ])("offers a %s session only what its state allows", async (state, buttons) => {
    server(session({ state }));
    const actions = await open();
    expect(within(actions).queryByRole("link", { name: "Edit" })).not.toBeInTheDocument();
    expect(within(actions).queryAllByRole("button").map((b) => b.textContent)).toEqual(buttons);
  });

  it("says when the session does not exist", async () => {
    fakeApi({ [`GET /admin/sessions/${id}`]: () => problem(404, "session not found") });
    renderApp(`/sessions/${id}`, { as: admin });
    expect(await screen.findByRole("alert")).toHaveTextContent("session not found");
  });
});
