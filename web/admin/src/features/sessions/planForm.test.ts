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
        title_el: null,
        description_el: null,
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
        { field: "ends_at", reason: "dateTime" },
        { field: "join_deadline", reason: "dateTime" },
        { field: "points_per_kwh", reason: "wholeNumber" },
      ],
    });
  });

  it("sends the Greek texts when they are typed, and none when they are blank", () => {
    const base = { ...NEW_PLAN, title: "Evening peak", startsAt: "2026-06-12T18:00", endsAt: "2026-06-12T19:30" };
    const typed = toPlan({ ...base, titleEl: "Βραδινή αιχμή", descriptionEl: "Κλείστε τον θερμοσίφωνα." }, zone);
    expect(typed).toMatchObject({ plan: { title_el: "Βραδινή αιχμή", description_el: "Κλείστε τον θερμοσίφωνα." } });
    const blank = toPlan({ ...base, titleEl: "  ", descriptionEl: "" }, zone);
    expect(blank).toMatchObject({ plan: { title_el: null, description_el: null } });
  });

  it("fills the form from a session, leaving a deadline at the start empty", () => {
    const values = planFromSession(session(), zone);
    expect(values).toMatchObject({ startsAt: "2026-06-12T18:00", endsAt: "2026-06-12T19:30", joinDeadline: "" });
    const withDeadline = planFromSession(session({ join_deadline: "2026-06-12T14:00:00Z" }), zone);
    expect(withDeadline.joinDeadline).toBe("2026-06-12T17:00");
  });
});
