// The parts of the server's API (docs/openapi.json) that the app uses.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  request_id?: string | null;
}

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

export interface User {
  id: string;
  email: string;
  display_name: string;
  role: string;
  disabled: boolean;
  created_at: string;
  last_login_at?: string | null;
}

export interface PeriodTotal {
  start: string;
  end: string;
  kwh: number;
  completeness: number;
}

export interface ConsumptionSummary {
  time_zone: string;
  today: PeriodTotal;
  yesterday: PeriodTotal;
  this_week: PeriodTotal;
  last_week_same_span: PeriodTotal;
  week_change_percent?: number | null;
}

export type Resolution = "15m" | "30m" | "1h" | "1d";

export interface Bucket {
  start: string;
  end: string;
  kwh: number;
  readings: number;
  expected_readings: number;
  complete: boolean;
  estimated: boolean;
}

export interface Series {
  time_zone: string;
  resolution: string;
  buckets: Bucket[];
  total_kwh: number;
}

export interface Meter {
  meter_id: string;
  interval_minutes: number;
  linked_at?: string | null;
}

export interface Household {
  name: string;
  tariff_code: string;
  time_zone: string;
  district?: string | null;
  meters: Meter[];
  updated_at: string;
}

export interface HouseholdUpdate {
  name?: string;
  district?: string | null;
}

export interface Programme {
  time_zone: string;
  districts: string[];
  default_tariff_code: string;
}

export type SessionWhen = "upcoming" | "live" | "past";

export interface Session {
  id: string;
  title: string;
  description: string;
  state: string;
  starts_at: string;
  ends_at: string;
  join_deadline: string;
  points_per_kwh: number;
  opt_in_bonus: number;
  participants: number;
  surprise: boolean;
  joined: boolean;
  invited: boolean;
  /** Green Points this household earned for the session: savings, bonuses and corrections. */
  points_earned: number;
}

export interface SessionPage {
  items: Session[];
  page: number;
  per_page: number;
  total: number;
}

export type ResultStatus = "pending" | "provisional" | "final" | "insufficient_data";

export interface ResultPeriod {
  start: string;
  baseline_kwh: number;
  actual_kwh?: number | null;
}

export interface SessionResult {
  status: ResultStatus;
  saved_kwh?: number | null;
  percent_saved?: number | null;
  baseline_kwh?: number | null;
  actual_kwh?: number | null;
  reason?: string | null;
  computed_at: string;
  periods: ResultPeriod[];
}

export interface SessionDetail extends Session {
  result?: SessionResult | null;
}

export interface PointsEntry {
  /** Negative for a correction downwards. */
  points: number;
  /** session_savings, opt_in_bonus, streak_bonus, … */
  reason: string;
  /** A session id, with `#n` for corrections. */
  reference: string;
  note?: string | null;
  created_at: string;
}

export interface PointsPage {
  balance: number;
  items: PointsEntry[];
  page: number;
  per_page: number;
  total: number;
}

/** One half hour of a live session (`event: progress` on /sessions/{id}/live). */
export interface LivePeriod {
  start: string;
  baseline_kwh: number;
  actual_kwh: number;
  baseline_kw: number;
  actual_kw: number;
  /** Participants whose readings for the period arrived (0 or 1 for a household). */
  reporting: number;
}

export interface LiveProgress {
  state: string;
  participants: number;
  saved_kwh: number;
  periods: LivePeriod[];
}
