import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { meterLink, userDetail } from "../../test/fixtures";
import { openUserPage as open, userPageServer as server, userId as id } from "../../test/userPage";

describe("a household's meter history", () => {
  it("lists each period the household held a meter, how it began and why it ended, in words", async () => {
    server({
      [`GET /admin/users/${id}/meter-links`]: () => ({
        body: [
          meterLink({ meter_id: "CY-SIM-0000003", how: "review", linked_at: "2026-06-12T08:00:00Z" }),
          meterLink({ how: "claim", ended_at: "2026-06-01T09:00:00Z", end_reason: "moved" }),
        ],
      }),
    });
    await open();
    const history = await screen.findByRole("table", { name: "Meter history" });
    const [current, ended] = within(history).getAllByRole("row").slice(1);
    expect(current).toHaveTextContent("CY-SIM-0000003");
    expect(current).toHaveTextContent("The household's claim, approved by staff");
    expect(current).toHaveTextContent("Still connected");
    expect(ended).toHaveTextContent("The household's own claim, matching the register");
    // 09:00 UTC on 1 June 2026 is 12:00 in Nicosia.
    expect(ended).toHaveTextContent(/12:00/);
    expect(ended).toHaveTextContent("The register bills the meter to another account now (moved house)");
  });

  it("says when the household never held a meter", async () => {
    server();
    await open();
    const region = screen.getByRole("region", { name: "Meter history" });
    expect(await within(region).findByText("This household has never held a meter.")).toBeInTheDocument();
  });

  it("shows the facts the household told about its home, and only those", async () => {
    const detail = userDetail();
    server({}, { ...detail, household: { ...detail.household, people: 4, water_heater: "solar", rooftop_pv: false } });
    await open();
    const household = screen.getByRole("region", { name: "Household" });
    expect(household).toHaveTextContent("People at home4");
    expect(household).toHaveTextContent("Water heatingSolar");
    expect(household).toHaveTextContent("Rooftop solar panelsNo");
    expect(household).not.toHaveTextContent("Air-conditioning units");
    expect(household).not.toHaveTextContent("Electric vehicle");
  });

  it("says when the household told nothing about its home", async () => {
    server();
    await open();
    expect(screen.getByRole("region", { name: "Household" })).toHaveTextContent(
      "The household has not told anything about its home yet.",
    );
  });
});
