import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { problem } from "../../test/fakeApi";
import { bucket, consumptionSeries, userDetail } from "../../test/fixtures";
import { openUserPage, userId, userPageServer } from "../../test/userPage";

const consumptionPath = `/admin/users/${userId}/consumption`;

function rowsOf(table: HTMLElement) {
  return within(table).getAllByRole("row").slice(1).map((row) => Array.from(row.children, (c) => c.textContent));
}

describe("a user's consumption", () => {
  it("charts the last 24 hours by the hour in kWh, with the numbers as a table", async () => {
    const api = userPageServer();
    await openUserPage();
    const section = screen.getByRole("region", { name: "Consumption" });
    const chart = await within(section).findByRole("figure", { name: "Consumption per hour, in kWh" });
    expect(within(section).getByRole("group", { name: "Total" })).toHaveTextContent("0.76 kWh");
    expect(within(section).getByLabelText("Last 24 hours, hourly")).toBeChecked();
    expect(rowsOf(within(chart).getByRole("table"))).toEqual([
      [expect.stringMatching(/10:00/), "0.512 kWh", "4 of 4", "No"],
      [expect.stringMatching(/11:00/), "0.25 kWh", "2 of 4", "Yes"],
    ]);
    const query = api.callsTo("GET", consumptionPath)[0]?.query;
    expect(query?.get("resolution")).toBe("1h");
    expect(query?.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
  });

  it("switches to the last 30 days by the day", async () => {
    const api = userPageServer({
      [`GET ${consumptionPath}`]: ({ query }) => ({
        body:
          query.get("resolution") === "1d"
            ? consumptionSeries({
                resolution: "1d",
                buckets: [bucket({ start: "2026-06-12T00:00:00+03:00", end: "2026-06-13T00:00:00+03:00", kwh: 11.5 })],
                total_kwh: 11.5,
              })
            : consumptionSeries(),
      }),
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Consumption" });
    await within(section).findByRole("figure", { name: "Consumption per hour, in kWh" });
    await userEvent.click(within(section).getByLabelText("Last 30 days, daily"));
    const chart = await within(section).findByRole("figure", { name: "Consumption per day, in kWh" });
    expect(rowsOf(within(chart).getByRole("table"))).toEqual([[expect.stringMatching(/12/), "11.5 kWh", "4 of 4", "No"]]);
    const query = api.callsTo("GET", consumptionPath).at(-1)?.query;
    expect(query?.get("resolution")).toBe("1d");
    expect(query?.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(query?.get("to")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("says so when the meters sent nothing in the range", async () => {
    userPageServer({
      [`GET ${consumptionPath}`]: () => ({
        body: consumptionSeries({ buckets: [bucket({ kwh: 0, readings: 0, complete: false })], total_kwh: 0 }),
      }),
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Consumption" });
    expect(await within(section).findByText(/No readings arrived/)).toBeInTheDocument();
    expect(within(section).queryByRole("figure")).not.toBeInTheDocument();
  });

  it("does not ask for the consumption of a household without meters", async () => {
    const detail = userDetail();
    const api = userPageServer({}, { ...detail, household: { ...detail.household, meters: [] } });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Consumption" });
    expect(section).toHaveTextContent("No meters are linked to this household, so there is no consumption to show.");
    expect(within(section).queryByRole("radio")).not.toBeInTheDocument();
    expect(api.callsTo("GET", consumptionPath)).toHaveLength(0);
  });

  it("explains a failure and tries again", async () => {
    let failures = 1;
    userPageServer({
      [`GET ${consumptionPath}`]: () =>
        failures-- > 0 ? problem(503, "the readings store is busy") : { body: consumptionSeries() },
    });
    await openUserPage();
    const section = screen.getByRole("region", { name: "Consumption" });
    expect(await within(section).findByRole("alert")).toHaveTextContent("the readings store is busy");
    await userEvent.click(within(section).getByRole("button", { name: "Try again" }));
    expect(await within(section).findByRole("figure", { name: "Consumption per hour, in kWh" })).toBeInTheDocument();
  });
});
