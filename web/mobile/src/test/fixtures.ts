import type { ConsumptionSummary, Household, Session, SessionPage, User } from "../api/types";

export const user: User = {
  id: "7f0c2a1e-0000-4000-8000-000000000001",
  email: "eleni@example.com",
  display_name: "Eleni",
  role: "consumer",
  disabled: false,
  created_at: "2026-07-01T08:00:00Z",
};

export const household: Household = {
  name: "Eleni's home",
  tariff_code: "01",
  time_zone: "Europe/Nicosia",
  district: "Nicosia",
  meters: [{ meter_id: "CY-0001", interval_minutes: 15 }],
  updated_at: "2026-07-01T08:00:00Z",
};

const period = (kwh: number) => ({ start: "2026-07-01T00:00:00+03:00", end: "2026-07-02T00:00:00+03:00", kwh, completeness: 1 });

export const summary: ConsumptionSummary = {
  time_zone: "Europe/Nicosia",
  today: period(4.5),
  yesterday: period(12.25),
  this_week: period(30),
  last_week_same_span: period(33),
  week_change_percent: -9.1,
};

export function upcomingSession(overrides: Partial<Session> = {}): Session {
  const start = Date.now() + 3 * 3_600_000;
  return {
    id: "0c1d2e3f-0000-4000-8000-000000000002",
    title: "Evening peak",
    description: "",
    state: "scheduled",
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(start + 3_600_000).toISOString(),
    join_deadline: new Date(start).toISOString(),
    points_per_kwh: 100,
    opt_in_bonus: 10,
    participants: 3,
    surprise: false,
    joined: false,
    invited: true,
    points_earned: 0,
    ...overrides,
  };
}

export function page(items: Session[]): SessionPage {
  return { items, page: 1, per_page: 50, total: items.length };
}
