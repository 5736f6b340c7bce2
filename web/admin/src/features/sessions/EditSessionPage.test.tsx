import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Session, SessionPlan } from "../../api/types";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const id = session().id;

type Reply = { body: Session } | Response;

function server(
  current: Session,
  update = (plan: SessionPlan): Reply => ({ body: session({ ...current, title: plan.title, ends_at: plan.ends_at }) }),
) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    [`GET /admin/sessions/${id}`]: () => ({ body: current }),
    [`PUT /admin/sessions/${id}`]: ({ body }) => update(body as SessionPlan),
  });
}

describe("editing a session", () => {
  it("starts from the saved plan on the programme's wall clock and saves the changes", async () => {
    const api = server(session({ state: "scheduled", audience: { kind: "districts", districts: ["Nicosia"] } }));
    const { router } = renderApp(`/sessions/${id}/edit`, { as: admin });
    const title = await screen.findByLabelText("Title");
    expect(title).toHaveValue("Evening peak");
    expect(screen.getByLabelText("Start")).toHaveValue("2026-06-12T18:00");
    expect(screen.getByLabelText("End")).toHaveValue("2026-06-12T19:30");
    expect(screen.getByLabelText("Join deadline")).toHaveValue("");
    expect(screen.getByRole("checkbox", { name: "Nicosia" })).toBeChecked();

    await userEvent.clear(title);
    await userEvent.type(title, "Later evening peak");
    fireEvent.change(screen.getByLabelText("End"), { target: { value: "2026-06-12T20:00" } });
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Later evening peak" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/sessions/${id}`);
    expect(api.callsTo("PUT", `/admin/sessions/${id}`)[0]?.body).toMatchObject({
      title: "Later evening peak",
      starts_at: "2026-06-12T15:00:00Z",
      ends_at: "2026-06-12T17:00:00Z",
      audience: { kind: "districts", districts: ["Nicosia"] },
    });
  });

  it("shows a refused notice beside the start", async () => {
    server(session({ state: "scheduled" }), () =>
      problem(422, "starts_at: a regular session must start at least 1440 minutes after it is announced", [
        { field: "starts_at", message: "a regular session must start at least 1440 minutes after it is announced" },
      ]),
    );
    renderApp(`/sessions/${id}/edit`, { as: admin });
    await screen.findByLabelText("Title");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByLabelText("Start")).toHaveAccessibleDescription(/at least 1440 minutes/);
  });

  it("does not offer the form once the session is over", async () => {
    server(session({ state: "final" }));
    renderApp(`/sessions/${id}/edit`, { as: admin });
    expect(await screen.findByText("A final session can no longer be edited.")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Session plan" })).not.toBeInTheDocument();
  });
});
