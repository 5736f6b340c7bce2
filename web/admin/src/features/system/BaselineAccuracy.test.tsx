import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { MethodAccuracy } from "../../api/types";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, methodAccuracy, systemHealth } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const figures = [
  methodAccuracy(),
  methodAccuracy({
    method: "regression",
    households: 0,
    events: 0,
    median_cv_rmse_percent: null,
    aggregate_cv_rmse_percent: null,
    aggregate_bias_percent: null,
  }),
];

function server(accuracy: (call: Call) => { body: MethodAccuracy[] } | Response | Promise<{ body: MethodAccuracy[] }>) {
  return fakeApi({
    "GET /admin/system": () => ({ body: systemHealth() }),
    "GET /admin/baselines/accuracy": accuracy,
  });
}

const region = () => screen.getByRole("region", { name: "Baseline accuracy" });

function cells(name: RegExp) {
  return within(screen.getByRole("row", { name }))
    .getAllByRole("cell")
    .map((cell) => cell.textContent);
}

describe("the baseline accuracy", () => {
  it("is computed on opening, per method with units, a dash where a method could not be scored", async () => {
    const api = server(() => ({ body: figures }));
    renderApp("/system", { as: admin });
    expect(await screen.findByRole("row", { name: /^Like days like-days/ })).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/baselines/accuracy").map((call) => call.query.toString())).toEqual([
      "days=21&households=100",
    ]);
    const number = new Intl.NumberFormat();
    expect(cells(/^Like days/)).toEqual([
      "100",
      number.format(1500),
      number.format(18.4),
      number.format(4.2),
      number.format(-1.3),
    ]);
    expect(cells(/^Temperature regression/)).toEqual(["0", "0", "—", "—", "—"]);
    const table = within(region()).getByRole("table", { name: "Baseline accuracy" });
    expect(within(table).getByRole("columnheader", { name: "Median CV(RMSE) (%)" })).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: "Aggregate bias (%)" })).toBeInTheDocument();
    expect(region()).toHaveTextContent(
      "Weekday 17:00–19:00 pseudo-events over the last 21 days; lower CV(RMSE) is better; bias near 0 is better",
    );
    expect(region()).toHaveTextContent("— : too few readings in these days to score the method.");
  });

  it("is computed again on demand, for other days, showing its progress meanwhile", async () => {
    let finish: (answer: { body: MethodAccuracy[] }) => void = () => undefined;
    const api = server((call) =>
      call.query.get("days") === "21"
        ? { body: figures }
        : new Promise((resolve) => {
            finish = resolve;
          }),
    );
    renderApp("/system", { as: admin });
    await screen.findByRole("row", { name: /^Like days/ });

    await userEvent.click(within(region()).getByRole("button", { name: "Compute" }));
    await expect.poll(() => api.callsTo("GET", "/admin/baselines/accuracy")).toHaveLength(2);

    const days = within(region()).getByLabelText("Days");
    await userEvent.clear(days);
    await userEvent.type(days, "45");
    await userEvent.click(within(region()).getByRole("button", { name: "Compute" }));
    expect(await within(region()).findByRole("status")).toHaveTextContent(
      "Computing every method's accuracy over 45 days for up to 100 households",
    );
    expect(within(region()).getByRole("progressbar", { name: "Computing baseline accuracy" })).toBeInTheDocument();
    expect(within(region()).getByRole("button", { name: "Computing…" })).toBeDisabled();
    expect(within(region()).getByRole("table", { name: "Baseline accuracy" })).toHaveAttribute("aria-busy", "true");
    expect(region()).toHaveTextContent("over the last 21 days");

    finish({ body: [methodAccuracy({ events: 3000 })] });
    expect(await within(region()).findByText(/over the last 45 days/)).toBeInTheDocument();
    expect(cells(/^Like days/)[1]).toBe(new Intl.NumberFormat().format(3000));
    expect(within(region()).queryByRole("status")).not.toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/baselines/accuracy").at(-1)?.query.toString()).toBe("days=45&households=100");
  });

  it("shows the server's word on days it will not take, beside the field", async () => {
    server((call) =>
      call.query.get("days") === "21"
        ? { body: figures }
        : problem(422, "days: must be 7-60", [{ field: "days", message: "must be 7-60" }]),
    );
    renderApp("/system", { as: admin });
    await screen.findByRole("row", { name: /^Like days/ });
    const days = within(region()).getByLabelText("Days");
    await userEvent.clear(days);
    await userEvent.type(days, "5");
    await userEvent.click(within(region()).getByRole("button", { name: "Compute" }));

    const alert = await within(region()).findByRole("alert");
    expect(alert).toHaveTextContent("Could not compute the baseline accuracy");
    expect(alert).toHaveTextContent("days: must be 7-60");
    expect(days).toHaveAttribute("aria-invalid", "true");
    expect(days).toHaveAccessibleDescription(/must be 7-60/);
    expect(within(region()).queryByRole("table")).not.toBeInTheDocument();
  });
});
