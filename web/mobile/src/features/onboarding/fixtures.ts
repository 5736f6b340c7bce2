import type { Onboarding } from "../../api/types";
import { memoryVault, servicesFor, tokens, type Routes } from "../../test/fakeServer";
import { household, hourlyDays, page, summary, user } from "../../test/fixtures";
import { newHousehold } from "../garden/fixtures";

/** The consent text the fake server gives. */
export const consentTerms = { version: "2026-12", text: "I agree that PowerSave reads my meter's consumption from the utility." };

export const connectMeter: Onboarding = { step: "connect_meter", meters: [], eligibility: null };

export const buildingHistory: Onboarding = {
  step: "building_history",
  meters: ["CY-SIM-0000061"],
  latest_reading_at: new Date(Date.now() - 3_600_000).toISOString(),
  hours_behind: 1,
  eligibility: {
    eligible_now: false,
    received_percent: 40,
    required_percent: 90,
    days: 10,
    eligible_from: "2026-12-20",
    explanation: "Sessions need readings for 90% of the last 10 days; 40% of them have arrived.",
  },
};

/** A signed-in household at an onboarding step, with whatever else the test adds. */
export function atStep(onboarding: () => Onboarding, routes: Routes = {}) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: user }),
      "GET /me/onboarding": () => ({ status: 200, body: onboarding() }),
      "GET /me/consent": () => ({ status: 200, body: consentTerms }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/consumption": ({ query }) => ({ status: 200, body: hourlyDays(query.get("from") ?? "", query.get("to") ?? "") }),
      "GET /me/household": () => ({ status: 200, body: { ...household, meters: onboarding().meters.map((meter_id) => ({ meter_id, interval_minutes: 15 })) } }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/points": () => ({ status: 200, body: { balance: 0, items: [], page: 1, per_page: 1, total: 0 } }),
      "GET /me/progress": () => ({ status: 200, body: newHousehold }),
      ...routes,
    },
    memoryVault("refresh-0"),
  );
}
