import { describe, expect, it } from "vitest";
import { session } from "../../test/fixtures";
import { NEW_PLAN, planFromSession, toPlan } from "./planForm";

const zone = "Europe/Nicosia";

describe("the session form's values and the plan sent to the server", () => {
  it("sends wall-clock times in the programme's zone as UTC", () => {
    const result = toPlan(
      {
        ...NEW_PLAN,
        title: "Evening peak",
        startsAt: "2026-06-12T18:00",
        endsAt: "2026-06-12T19:30",
        audience: "districts",
        districts: ["Limassol"],
      },
      zone,
    );
    expect(result).toEqual({
      plan: {
        title: "Evening peak",
        description: "",
        starts_at: "2026-06-12T15:00:00Z",
        ends_at: "2026-06-12T16:30:00Z",
        join_deadline: null,
        points_per_kwh: 100,
        opt_in_bonus: 0,
        audience: { kind: "districts", districts: ["Limassol"] },
        baseline_method: "like-days",
        surprise: false,
      },
    });
  });

  it("names the fields that cannot be sent", () => {
    const result = toPlan({ ...NEW_PLAN, startsAt: "2026-06-12T18:00", pointsPerKwh: "lots", joinDeadline: "x" }, zone);
    expect(result).toEqual({
      errors: [
        { field: "ends_at", message: "Enter a date and a time" },
        { field: "join_deadline", message: "Enter a date and a time" },
        { field: "points_per_kwh", message: "Enter a whole number of points" },
      ],
    });
  });

  it("fills the form from a session, leaving a deadline at the start empty", () => {
    const values = planFromSession(session(), zone);
    expect(values).toMatchObject({ startsAt: "2026-06-12T18:00", endsAt: "2026-06-12T19:30", joinDeadline: "" });
    const withDeadline = planFromSession(session({ join_deadline: "2026-06-12T14:00:00Z" }), zone);
    expect(withDeadline.joinDeadline).toBe("2026-06-12T17:00");
  });
});
