import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../api/types";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, claim, pageOf, programme, user, userDetail } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const held = claim();
const nearMiss = claim({
  id: "00000000-0000-7000-8000-0000000000c2",
  meter_id: "CY-SIM-0000004",
  account_number: "9000000005",
  review_reason: "near_miss",
});

/** The claims list, filtered by status like the real server; `claims` may change between calls. */
function server(claims: () => Claim[], extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/meter-claims": ({ query }: Call) => {
      const status = query.get("status");
      const items = claims().filter((c) => !status || c.status === status);
      return { body: pageOf(items, items.length, Number(query.get("page") ?? 1), Number(query.get("per_page") ?? 25)) };
    },
    [`GET /admin/users/${user().id}`]: () => ({ body: userDetail() }),
    ...extra,
  });
}

const table = () => screen.findByRole("table", { name: "Meter claims" });

describe("the meter claims screen", () => {
  it("is in the main navigation and opens on the review queue, with each reason in words", async () => {
    const api = server(() => [held, nearMiss, claim({ id: "c-linked", status: "linked", review_reason: null })]);
    const { router } = renderApp("/", { as: admin });
    await userEvent.click(screen.getByRole("link", { name: "Meter claims" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Meter claims" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/claims");
    expect(document.title).toBe("Meter claims · PowerSave Admin");

    const rows = within(await table()).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("CY-SIM-0000003");
    expect(rows[0]).toHaveTextContent("9000000003");
    expect(rows[0]).toHaveTextContent("Another household holds this meter");
    expect(rows[1]).toHaveTextContent("Account number one digit off, or several tries");
    expect(await within(rows[0]!).findByRole("link", { name: "Eleni" })).toHaveAttribute("href", `/users/${user().id}`);
    expect(api.callsTo("GET", "/admin/meter-claims")[0]?.query.get("status")).toBe("review");
    expect(screen.getByLabelText("Show")).toHaveValue("review");
  });

  it("shows every claim, or those of another status, from the filter", async () => {
    const api = server(() => [held, claim({ id: "c-linked", meter_id: "CY-SIM-0000009", status: "linked", review_reason: null })]);
    const { router } = renderApp("/claims", { as: admin });
    await table();
    await userEvent.selectOptions(screen.getByLabelText("Show"), "all");
    expect(await within(await table()).findByText("CY-SIM-0000009")).toBeInTheDocument();
    expect(within(await table()).getByText("Connected at once")).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/meter-claims").at(-1)?.query.has("status")).toBe(false);
    expect(router.state.location.search).toBe("?status=all");

    await userEvent.selectOptions(screen.getByLabelText("Show"), "linked");
    expect(await screen.findByRole("button", { name: "Next page" })).toBeDisabled();
    expect(api.callsTo("GET", "/admin/meter-claims").at(-1)?.query.get("status")).toBe("linked");
  });

  it("explains an empty queue", async () => {
    server(() => []);
    renderApp("/claims", { as: admin });
    expect(
      await screen.findByText(
        "No claims wait for review: households whose numbers match the register are connected at once.",
      ),
    ).toBeInTheDocument();
  });

  it("rejects a claim only with a note, sends the decision and refreshes the queue", async () => {
    let claims = [held, nearMiss];
    const api = server(() => claims, {
      [`POST /admin/meter-claims/${held.id}/decision`]: ({ body }) => {
        const decision = body as { approve: boolean; note: string };
        const decided = { ...held, status: decision.approve ? "approved" : "rejected", decision_note: decision.note };
        claims = claims.map((c) => (c.id === held.id ? decided : c));
        return { body: decided };
      },
    });
    renderApp("/claims", { as: admin });
    await table();
    await userEvent.click(screen.getByRole("button", { name: "Reject the claim on CY-SIM-0000003" }));
    const dialog = screen.getByRole("dialog", { name: "Reject the claim on CY-SIM-0000003?" });

    // Without a note nothing is sent.
    await userEvent.click(within(dialog).getByRole("button", { name: "Reject claim" }));
    const note = within(dialog).getByLabelText("Note");
    expect(note).toBeInvalid();
    expect(note).toHaveAccessibleDescription(expect.stringContaining("Write a note before deciding."));
    expect(note).toHaveFocus();
    expect(api.callsTo("POST", `/admin/meter-claims/${held.id}/decision`)).toHaveLength(0);

    await userEvent.type(note, "  the bill shows another name  ");
    expect(note).not.toBeInvalid();
    await userEvent.click(within(dialog).getByRole("button", { name: "Reject claim" }));
    expect(await screen.findByText("The claim on CY-SIM-0000003 is rejected.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/meter-claims/${held.id}/decision`).map((c) => c.body)).toEqual([
      { approve: false, note: "the bill shows another name" },
    ]);
    await within(await table()).findByText("CY-SIM-0000004");
    expect(within(await table()).queryByText("CY-SIM-0000003")).not.toBeInTheDocument();
  });

  it("approves a claim with a note", async () => {
    const api = server(() => [held], {
      [`POST /admin/meter-claims/${held.id}/decision`]: () => ({ body: { ...held, status: "approved" } }),
    });
    renderApp("/claims", { as: admin });
    await table();
    await userEvent.click(screen.getByRole("button", { name: "Approve the claim on CY-SIM-0000003" }));
    const dialog = screen.getByRole("dialog", { name: "Approve the claim on CY-SIM-0000003?" });
    await userEvent.type(within(dialog).getByLabelText("Note"), "tenancy agreement checked by phone");
    await userEvent.click(within(dialog).getByRole("button", { name: "Approve claim" }));
    expect(await screen.findByText("The claim on CY-SIM-0000003 is approved.")).toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/meter-claims/${held.id}/decision`)[0]?.body).toEqual({
      approve: true,
      note: "tenancy agreement checked by phone",
    });
  });

  it("shows a claim decided meanwhile, and keeps the dialog open to read it", async () => {
    server(() => [held], {
      [`POST /admin/meter-claims/${held.id}/decision`]: () => problem(409, "the claim is already decided"),
    });
    renderApp("/claims", { as: admin });
    await table();
    await userEvent.click(screen.getByRole("button", { name: "Approve the claim on CY-SIM-0000003" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Note"), "checked");
    await userEvent.click(within(dialog).getByRole("button", { name: "Approve claim" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("Could not decide the claim");
    expect(alert).toHaveTextContent("the claim is already decided");
  });

  it("shows a note the server refused", async () => {
    server(() => [held], {
      [`POST /admin/meter-claims/${held.id}/decision`]: () =>
        problem(422, "note: note must be 1-500 characters", [{ field: "note", message: "note must be 1-500 characters" }]),
    });
    renderApp("/claims", { as: admin });
    await table();
    await userEvent.click(screen.getByRole("button", { name: "Reject the claim on CY-SIM-0000003" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Note"), "x");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reject claim" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("note must be 1-500 characters");
  });

  it("keeps Tab inside the dialog, through the note", async () => {
    server(() => [held]);
    renderApp("/claims", { as: admin });
    await table();
    await userEvent.click(screen.getByRole("button", { name: "Reject the claim on CY-SIM-0000003" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await userEvent.tab();
    expect(within(dialog).getByRole("button", { name: "Reject claim" })).toHaveFocus();
    await userEvent.tab();
    expect(within(dialog).getByLabelText("Note")).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
