import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SessionPlan } from "../../api/types";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

function server(create: Parameters<typeof fakeApi>[0][string]) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "POST /admin/sessions": create,
    [`GET /admin/sessions/${session().id}`]: () => ({ body: session() }),
  });
}

/** Datetime inputs take their value whole, as a browser's picker sets it. */
function pick(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function fillIn() {
  await userEvent.type(await screen.findByLabelText("Title"), "Evening peak");
  pick("Start", "2026-06-12T18:00");
  pick("End", "2026-06-12T17:00");
  await userEvent.click(screen.getByRole("radio", { name: "Households in chosen districts" }));
  await userEvent.click(screen.getByRole("checkbox", { name: "Limassol" }));
  await userEvent.selectOptions(screen.getByLabelText("Baseline method"), "10-in-10");
  await userEvent.click(screen.getByRole("checkbox", { name: "Surprise session" }));
}

describe("planning a new session", () => {
  it("sends the plan in UTC and opens the new draft", async () => {
    const api = server(({ body }) => ({ status: 201, body: session({ title: (body as SessionPlan).title }) }));
    const { router } = renderApp("/sessions/new", { as: admin });
    await fillIn();
    pick("End", "2026-06-12T19:30");
    await userEvent.type(screen.getByLabelText("Title (Greek)"), "Βραδινή αιχμή");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Evening peak" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/sessions/${session().id}`);
    expect(api.callsTo("POST", "/admin/sessions")[0]?.body).toEqual({
      title: "Evening peak",
      description: "",
      title_el: "Βραδινή αιχμή",
      description_el: null,
      starts_at: "2026-06-12T15:00:00Z",
      ends_at: "2026-06-12T16:30:00Z",
      join_deadline: null,
      points_per_kwh: 100,
      opt_in_bonus: 0,
      audience: { kind: "districts", districts: ["Limassol"] },
      baseline_method: "10-in-10",
      surprise: true,
    });
  });

  it("shows each of the server's field errors beside its field and keeps what was typed", async () => {
    server(() =>
      problem(422, "ends_at: a session lasts 30 to 240 minutes (this one: -60)", [
        { field: "ends_at", message: "a session lasts 30 to 240 minutes (this one: -60)" },
        { field: "audience.districts", message: "name at least one district" },
        { field: "points_per_kwh", message: "must be at most 10000" },
      ]),
    );
    renderApp("/sessions/new", { as: admin });
    await fillIn();
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));

    expect(await screen.findByLabelText("End")).toHaveAccessibleDescription(
      /a session lasts 30 to 240 minutes \(this one: -60\)/,
    );
    expect(screen.getByLabelText("End")).toBeInvalid();
    expect(screen.getByLabelText("Points per kWh saved")).toHaveAccessibleDescription("must be at most 10000");
    expect(screen.getByRole("group", { name: "Audience" })).toHaveAccessibleDescription("name at least one district");
    expect(screen.getByLabelText("Start")).not.toBeInvalid();
    expect(screen.getByRole("alert")).toHaveTextContent("Correct the fields marked above");

    expect(screen.getByLabelText("Title")).toHaveValue("Evening peak");
    expect(screen.getByLabelText("Start")).toHaveValue("2026-06-12T18:00");
    expect(screen.getByLabelText("End")).toHaveValue("2026-06-12T17:00");
    expect(screen.getByRole("checkbox", { name: "Limassol" })).toBeChecked();
    expect(screen.getByLabelText("Baseline method")).toHaveValue("10-in-10");
    expect(screen.getByRole("checkbox", { name: "Surprise session" })).toBeChecked();
  });

  it("shows an overlap with another session as an alert", async () => {
    server(() => problem(409, 'overlaps session "Morning peak" (2026-06-12 14:00:00 UTC to 2026-06-12 16:00:00 UTC, scheduled)'));
    renderApp("/sessions/new", { as: admin });
    await fillIn();
    pick("End", "2026-06-12T19:30");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not save the session");
    expect(alert).toHaveTextContent('overlaps session "Morning peak"');
    expect(screen.getByLabelText("Title")).toHaveValue("Evening peak");
  });

  it("asks for the times before sending anything", async () => {
    const api = server(() => ({ status: 201, body: session() }));
    renderApp("/sessions/new", { as: admin });
    await userEvent.type(await screen.findByLabelText("Title"), "No times yet");
    await userEvent.clear(screen.getByLabelText("Points per kWh saved"));
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));

    expect(screen.getByLabelText("Start")).toHaveAccessibleDescription("Enter a date and a time");
    expect(screen.getByLabelText("End")).toHaveAccessibleDescription(/Enter a date and a time/);
    expect(screen.getByLabelText("Points per kWh saved")).toHaveAccessibleDescription("Enter a whole number of points");
    expect(within(screen.getByRole("alert")).getByText(/Correct the fields/)).toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/sessions")).toHaveLength(0);
  });
});
