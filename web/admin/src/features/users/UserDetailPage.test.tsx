import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, superadmin, user, userDetail } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { openUserPage as open, userPageServer as server, userId as id, userPagePath as path } from "../../test/userPage";

describe("a user's page", () => {
  it("shows the account, the household and its meters in the programme's time zone", async () => {
    server();
    await open();
    const account = screen.getByRole("region", { name: "Account" });
    expect(account).toHaveTextContent("eleni@example.com");
    expect(account).toHaveTextContent("Active");
    expect(screen.getByRole("region", { name: "Household" })).toHaveTextContent("Nicosia");
    const meters = screen.getByRole("table", { name: "Linked meters" });
    expect(within(meters).getByRole("rowheader", { name: "CY-0001" })).toBeInTheDocument();
    // 00:30 UTC on 29 March 2026 is 02:30 in Nicosia (still winter time).
    expect(await within(meters).findByText(/2:30/)).toBeInTheDocument();
  });

  it("links a meter and shows the server's field errors beside the fields", async () => {
    const api = server({
      [`POST /admin/users/${id}/meters`]: ({ body }) => {
        const request = body as { meter_id: string; interval_minutes: number };
        if (request.meter_id === "bad id!") {
          return problem(422, "meter_id: meter id must be 1-64 letters", [
            { field: "meter_id", message: "meter id must be 1-64 letters" },
          ]);
        }
        const household = userDetail().household;
        return { body: { ...household, meters: [...household.meters, { ...request, linked_at: "2026-05-01T09:00:00Z" }] } };
      },
    });
    await open();
    const meterId = screen.getByLabelText("Meter id");
    await userEvent.type(meterId, "bad id!");
    await userEvent.click(screen.getByRole("button", { name: "Link meter" }));
    expect(await screen.findByText("meter id must be 1-64 letters")).toBeInTheDocument();
    expect(meterId).toHaveAccessibleDescription("meter id must be 1-64 letters");
    expect(meterId).toBeInvalid();

    await userEvent.clear(meterId);
    await userEvent.type(meterId, "CY-0002");
    await userEvent.selectOptions(screen.getByLabelText("Interval"), "30");
    await userEvent.click(screen.getByRole("button", { name: "Link meter" }));
    const meters = screen.getByRole("table", { name: "Linked meters" });
    expect(await within(meters).findByRole("rowheader", { name: "CY-0002" })).toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/users/${id}/meters`).at(-1)?.body).toEqual({
      meter_id: "CY-0002",
      interval_minutes: 30,
    });
    expect(meterId).toHaveValue("");
    expect(meterId).not.toBeInvalid();
  });

  it("shows a conflict that is not about one field", async () => {
    server({ [`POST /admin/users/${id}/meters`]: () => problem(409, "meter CY-9 belongs to another household") });
    await open();
    await userEvent.type(screen.getByLabelText("Meter id"), "CY-9");
    await userEvent.click(screen.getByRole("button", { name: "Link meter" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("meter CY-9 belongs to another household");
  });

  it("unlinks a meter after a confirmation", async () => {
    const api = server({
      [`DELETE /admin/users/${id}/meters/CY-0001`]: () => ({ body: { ...userDetail().household, meters: [] } }),
    });
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Unlink meter CY-0001" }));
    const dialog = screen.getByRole("dialog", { name: "Unlink meter CY-0001?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Unlink meter" }));
    expect(await screen.findByText("No meters are linked to this household.")).toBeInTheDocument();
    expect(api.callsTo("DELETE", `/admin/users/${id}/meters/CY-0001`)).toHaveLength(1);
  });

  it("disables an account only after a confirmation", async () => {
    const api = server({
      [`POST /admin/users/${id}/disable`]: () => ({
        body: user({ disabled: true, disabled_at: "2026-05-01T09:00:00Z" }),
      }),
    });
    await open();
    const account = screen.getByRole("region", { name: "Account" });

    await userEvent.click(within(account).getByRole("button", { name: "Disable account" }));
    let dialog = screen.getByRole("dialog", { name: "Disable Eleni's account?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/users/${id}/disable`)).toHaveLength(0);

    await userEvent.click(within(account).getByRole("button", { name: "Disable account" }));
    dialog = screen.getByRole("dialog", { name: "Disable Eleni's account?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Disable account" }));
    expect(await within(account).findByText(/Disabled since/)).toBeInTheDocument();
    expect(within(account).getByRole("button", { name: "Enable account" })).toBeInTheDocument();
    expect(api.callsTo("POST", `/admin/users/${id}/disable`)).toHaveLength(1);
  });

  it("shows why the server refused a change", async () => {
    server({ [`POST /admin/users/${id}/enable`]: () => problem(403, "an admin cannot manage a superadmin account") }, userDetail({ disabled: true }));
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Enable account" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Enable account" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("an admin cannot manage a superadmin account");
  });

  it("offers the role control to superadmins only", async () => {
    server();
    await open(admin);
    expect(screen.queryByRole("region", { name: "Role" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("New role")).not.toBeInTheDocument();
  });

  it("lets a superadmin change the role after a confirmation", async () => {
    const api = server({
      [`PUT /admin/users/${id}/role`]: ({ body }) => ({ body: user({ role: (body as { role: string }).role }) }),
    });
    await open(superadmin);
    const role = screen.getByRole("region", { name: "Role" });
    expect(within(role).getByRole("button", { name: "Change role" })).toBeDisabled();
    await userEvent.selectOptions(within(role).getByLabelText("New role"), "admin");
    await userEvent.click(within(role).getByRole("button", { name: "Change role" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Make Eleni admin?" })).getByRole("button", { name: "Change role" }));
    expect(await within(role).findByRole("status")).toHaveTextContent("Eleni is now admin.");
    expect(api.callsTo("PUT", `/admin/users/${id}/role`)[0]?.body).toEqual({ role: "admin" });
    expect(screen.getByRole("region", { name: "Account" })).toHaveTextContent("Admin");
  });

  it("lets an admin look at, but not change, a staff account", async () => {
    server({}, userDetail({ role: "superadmin" }));
    await open(admin);
    expect(screen.getByText(/Admins manage consumer accounts only/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Disable account|Link meter|Unlink/ })).not.toBeInTheDocument();
  });

  it("explains an unknown account", async () => {
    fakeApi({ [`GET /admin/users/${id}`]: () => problem(404, "no such account") });
    renderApp(path, { as: admin });
    expect(await screen.findByRole("alert")).toHaveTextContent("no such account");
  });
});
