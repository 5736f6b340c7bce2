import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RegisterStatus } from "../../api/types";
import { fakeApi } from "../../test/fakeApi";
import { admin, pageOf, programme, registerStatus, systemHealth } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

function server(register: RegisterStatus) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/system": () => ({ body: systemHealth() }),
    "GET /admin/system/failed-jobs": () => ({ body: pageOf([]) }),
    "GET /admin/baselines/accuracy": () => new Promise<never>(() => undefined),
    "GET /admin/customer-register": () => ({ body: register }),
    "GET /admin/meter-claims": () => ({ body: pageOf([]) }),
  });
}

const card = () => screen.findByRole("region", { name: "Customer register" });

describe("the customer register card", () => {
  it("shows the meters in the register, the last import and the claims waiting, linked to the queue", async () => {
    server(registerStatus());
    const { router } = renderApp("/system", { as: admin });
    const region = await card();
    const number = new Intl.NumberFormat("en").format(12002);
    expect(await within(region).findByText("Meters in the register")).toBeInTheDocument();
    expect(region).toHaveTextContent(`Meters in the register${number}`);
    expect(region).toHaveTextContent("Last import fromregister-2026-06.csv");
    // 06:00 UTC on 1 June 2026 is 09:00 in Nicosia (summer time).
    expect(region).toHaveTextContent(/Last imported.*9:00/);
    expect(region).toHaveTextContent(`Lines stored${number}`);
    expect(region).toHaveTextContent("Lines refused3");

    await userEvent.click(within(region).getByRole("link", { name: "2 claims: review them" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Meter claims" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/claims");
  });

  it("says how to import a register when none has been", async () => {
    server(
      registerStatus({
        entries: 0,
        last_import_source: null,
        last_import_at: null,
        last_import_rows: null,
        last_import_rejected: null,
        claims_in_review: 0,
      }),
    );
    renderApp("/system", { as: admin });
    const region = await card();
    expect(
      await within(region).findByText((_, element) => element?.tagName === "P" && element.textContent === "No register imported yet: run powersave import register FILE.csv."),
    ).toBeInTheDocument();
    expect(within(region).getByText("powersave import register FILE.csv").tagName).toBe("CODE");
    expect(within(region).queryByRole("link")).not.toBeInTheDocument();
  });
});
