import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { DataSource } from "../../api/types";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, dataSource, pageOf, superadmin } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const apiKey = "psk_7rBo3KxWycd_ixngklNR5h6Ix9XKlFdtNwWve9RVgjQ";
const noDeadLetters = () => ({ body: { items: [], page: 1, per_page: 25, total: 0 } });

/** A server that keeps its sources and creates them with a key, like the real one. */
function server(start: DataSource[] = [dataSource()]) {
  let sources = [...start];
  return fakeApi({
    "GET /admin/meter-data/sources": () => ({ body: pageOf(sources) }),
    "GET /admin/meter-data/dead-letters": noDeadLetters,
    "POST /admin/data-sources": ({ body }) => {
      const { name } = body as { name: string };
      if (name.includes("/")) {
        return problem(422, "name: name must be 1-100 letters, digits, spaces, '-', '_' or '.'", [
          { field: "name", message: "name must be 1-100 letters, digits, spaces, '-', '_' or '.'" },
        ]);
      }
      if (sources.some((source) => source.name === name)) {
        return problem(409, `a data source named "${name}" already exists`);
      }
      const source = dataSource({ id: sources.length + 10, name, kind: "api", last_reading_at: null, lag_seconds: null, readings_today: 0 });
      sources = [...sources, source];
      return { status: 201, body: { source, api_key: apiKey } };
    },
  });
}

const eacMdm = dataSource({ id: 7, name: "eac-mdm", kind: "api", readings_today: 96, rejected_today: 1 });

async function open(as = superadmin) {
  renderApp("/meter-data", { as });
  await screen.findByRole("table", { name: "Data sources" });
}

describe("data-source API keys", () => {
  it("shows a new source's key once, with a warning and a copy button", async () => {
    const user = userEvent.setup();
    const api = server();
    await open();
    const form = screen.getByRole("region", { name: "New data source" });
    await user.type(within(form).getByLabelText("Name"), "  eac-mdm ");
    await user.click(within(form).getByRole("button", { name: "Create data source" }));

    const created = await screen.findByRole("group", { name: "Data source eac-mdm is created" });
    const key = within(created).getByLabelText("API key for eac-mdm");
    expect(key).toHaveValue(apiKey);
    expect(key).toHaveAttribute("readonly");
    expect(key).toHaveAccessibleDescription(/This key will not be shown again/);
    expect(api.callsTo("POST", "/admin/data-sources")[0]?.body).toEqual({ name: "eac-mdm" });
    expect(within(form).getByLabelText("Name")).toHaveValue("");
    expect(await screen.findByRole("row", { name: /^eac-mdm/ })).toHaveTextContent("API upload");

    await user.click(within(created).getByRole("button", { name: "Copy key" }));
    expect(await navigator.clipboard.readText()).toBe(apiKey);
    expect(within(created).getByRole("status")).toHaveTextContent("The key is on the clipboard.");

    await user.click(within(created).getByRole("button", { name: "I have stored the key" }));
    expect(screen.queryByRole("group", { name: /is created/ })).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(apiKey)).not.toBeInTheDocument();
  });

  it("shows the server's field errors beside the name, and a conflict above the form", async () => {
    server([eacMdm]);
    await open();
    const form = screen.getByRole("region", { name: "New data source" });
    const name = within(form).getByLabelText("Name");
    await userEvent.type(name, "eac/mdm");
    await userEvent.click(within(form).getByRole("button", { name: "Create data source" }));
    expect(await within(form).findByText("name must be 1-100 letters, digits, spaces, '-', '_' or '.'")).toBeInTheDocument();
    expect(name).toBeInvalid();
    expect(name).toHaveAccessibleDescription(/^name must be 1-100 letters/);

    await userEvent.clear(name);
    await userEvent.type(name, "eac-mdm");
    await userEvent.click(within(form).getByRole("button", { name: "Create data source" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent('a data source named "eac-mdm" already exists');
    expect(name).not.toBeInvalid();
    expect(screen.queryByLabelText(/API key for/)).not.toBeInTheDocument();
  });

  it("revokes a key only after a confirmation, and keeps today's counts", async () => {
    let listed = 0;
    const api = fakeApi({
      // The list is not reloaded in time: the row shows the revoke's status with its own counts.
      // (Two lists ask: the table's page and the dead-letter filter's.)
      "GET /admin/meter-data/sources": () =>
        ++listed <= 2 ? { body: pageOf([dataSource(), eacMdm]) } : new Promise(() => undefined),
      "GET /admin/meter-data/dead-letters": noDeadLetters,
      "POST /admin/data-sources/7/revoke": () => ({ body: { ...eacMdm, revoked: true, readings_today: 0, rejected_today: 0 } }),
    });
    await open();
    const row = screen.getByRole("row", { name: /^eac-mdm/ });
    expect(screen.queryByRole("button", { name: "Revoke the API key of simulator" })).not.toBeInTheDocument();

    await userEvent.click(within(row).getByRole("button", { name: "Revoke the API key of eac-mdm" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke the API key of eac-mdm?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/data-sources/7/revoke")).toHaveLength(0);

    await userEvent.click(within(row).getByRole("button", { name: "Revoke the API key of eac-mdm" }));
    await userEvent.click(
      within(screen.getByRole("dialog", { name: "Revoke the API key of eac-mdm?" })).getByRole("button", { name: "Revoke key" }),
    );
    expect(await screen.findByText("The API key of eac-mdm is revoked.")).toBeInTheDocument();
    expect(row).toHaveTextContent("Revoked");
    expect(row).toHaveTextContent("96");
    expect(within(row).queryByRole("button")).not.toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/data-sources/7/revoke")).toHaveLength(1);
    expect(api.callsTo("GET", "/admin/meter-data/sources")).toHaveLength(4);
  });

  it("shows why the server refused to revoke", async () => {
    fakeApi({
      "GET /admin/meter-data/sources": () => ({ body: pageOf([eacMdm]) }),
      "GET /admin/meter-data/dead-letters": noDeadLetters,
      "POST /admin/data-sources/7/revoke": () => problem(403, "superadmins only"),
    });
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Revoke the API key of eac-mdm" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Revoke key" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not revoke the key");
    expect(alert).toHaveTextContent("superadmins only");
  });

  it("offers an admin no key controls", async () => {
    server([dataSource(), eacMdm]);
    await open(admin);
    expect(screen.queryByRole("region", { name: "New data source" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Name")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Revoke/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "Actions" })).not.toBeInTheDocument();
    expect(screen.getByText("A superadmin creates data sources and revokes their API keys.")).toBeInTheDocument();
  });
});
