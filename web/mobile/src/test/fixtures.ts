import type { Bucket, ConsumptionSummary, Household, Series, Session, SessionPage, User } from "../api/types";
import { addDays } from "../lib/format";

export const user: User = {
  id: "7f0c2a1e-0000-4000-8000-000000000001",
  email: "eleni@example.com",
  display_name: "Eleni",
  role: "consumer",
  disabled: false,
  created_at: "2026-07-01T08:00:00Z",
  language: "en",
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
    audience: { kind: "everyone" },
    baseline_method: "auto",
    announced_at: new Date(start - 86_400_000).toISOString(),
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

/** Nicosia's UTC offset around midday of a date: "+03:00" in summer, "+02:00" in winter. */
function nicosiaOffset(date: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Nicosia", timeZoneName: "longOffset" })
    .formatToParts(new Date(`${date}T10:00:00Z`))
    .find((part) => part.type === "timeZoneName")?.value;
  return name?.replace("GMT", "") || "+00:00";
}

/** A bucket of `minutes` starting at a local wall-clock time in Nicosia. */
export function bucket(date: string, hour: number, minute: number, minutes: number, kwh: number, readings: number, expected: number): Bucket {
  const pad = (n: number) => String(n).padStart(2, "0");
  const start = `${date}T${pad(hour)}:${pad(minute)}:00${nicosiaOffset(date)}`;
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return { start, end, kwh, readings, expected_readings: expected, complete: readings >= expected, estimated: false };
}

/**
 * Hourly buckets from `from` to `to` (local dates): past days use 0.3 kWh every hour; on the last
 * day (today) readings reach 10:30 — ten full hours of 0.2 kWh and half of the 10:00 hour.
 */
export function hourlyDays(from: string, to: string): Series {
  const buckets: Bucket[] = [];
  for (let date = from; date < to; date = addDays(date, 1)) {
    const today = addDays(date, 1) === to;
    for (let hour = 0; hour < 24; hour += 1) {
      if (!today) buckets.push(bucket(date, hour, 0, 60, 0.3, 4, 4));
      else if (hour < 10) buckets.push(bucket(date, hour, 0, 60, 0.2, 4, 4));
      else if (hour === 10) buckets.push(bucket(date, hour, 0, 60, 0.1, 2, 4));
      else buckets.push(bucket(date, hour, 0, 60, 0, 0, 4));
    }
  }
  return { time_zone: "Europe/Nicosia", resolution: "1h", buckets, total_kwh: buckets.reduce((sum, b) => sum + b.kwh, 0) };
}
