import type {
  Claim,
  ConsumptionBucket,
  ConsumptionSeries,
  DataSource,
  DeadLetter,
  FailedJob,
  JoinedSession,
  JoinedSessionPage,
  MeterLink,
  MethodAccuracy,
  Overview,
  PointsEntry,
  PointsPage,
  RegisterStatus,
  Session,
  SystemHealth,
  User,
  UserDetail,
} from "../api/types";

export function user(overrides: Partial<User> = {}): User {
  return {
    id: "00000000-0000-7000-8000-000000000001",
    email: "eleni@example.com",
    display_name: "Eleni",
    role: "consumer",
    disabled: false,
    disabled_at: null,
    last_login_at: null,
    created_at: "2026-03-29T00:30:00Z",
    language: "en",
    ...overrides,
  };
}

export const admin = user({
  id: "00000000-0000-7000-8000-0000000000a1",
  email: "admin@example.com",
  display_name: "Andreas Admin",
  role: "admin",
});

export const superadmin = user({
  id: "00000000-0000-7000-8000-0000000000a2",
  email: "root@example.com",
  display_name: "Sofia Super",
  role: "superadmin",
});

export function userDetail(overrides: Partial<User> = {}): UserDetail {
  return {
    user: user(overrides),
    household: {
      name: "Eleni's home",
      district: "Nicosia",
      tariff_code: "01",
      time_zone: "Europe/Nicosia",
      updated_at: "2026-03-29T00:30:00Z",
      meters: [{ meter_id: "CY-0001", interval_minutes: 15, linked_at: "2026-03-29T00:30:00Z" }],
    },
  };
}

export const overview: Overview = {
  households_registered: 12345,
  households_active_30d: 6789,
  accounts_disabled: 3,
  meters_linked: 12000,
  meters_reporting_24h: 11876,
  staff_accounts: 4,
  live_or_next_session: null,
  saved_kwh_30d: 46.775,
  points_issued: 98765,
  points_issued_30d: 5428,
};

/** One page of a list paginated on the server, holding all of `items`. */
export function pageOf<T>(items: T[], total = items.length, page = 1, per_page = 25) {
  return { items, total, page, per_page };
}

export const programme = {
  time_zone: "Europe/Nicosia",
  districts: ["Nicosia", "Limassol"],
  default_tariff_code: "01",
};

export function dataSource(overrides: Partial<DataSource> = {}): DataSource {
  return {
    id: 1,
    name: "simulator",
    kind: "simulator",
    last_reading_at: "2026-03-29T01:30:00Z",
    lag_seconds: 7_500,
    last_ingest_at: "2026-03-29T03:35:00Z",
    readings_today: 1_502_592,
    rejected_today: 0,
    revoked: false,
    created_at: "2026-03-01T08:00:00Z",
    ...overrides,
  };
}

export function deadLetter(overrides: Partial<DeadLetter> = {}): DeadLetter {
  return {
    id: 1,
    source_id: 2,
    source_name: "mqtt",
    received_at: "2026-03-29T00:30:00Z",
    payload: "not json",
    reason: "not JSON (topic powersave/readings/CY-0001)",
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: "00000000-0000-7000-8000-00000000005e",
    title: "Evening peak",
    description: "Use less between six and half past seven.",
    title_el: null,
    description_el: null,
    state: "draft",
    // 18:00–19:30 in Nicosia (summer time, UTC+3).
    starts_at: "2026-06-12T15:00:00Z",
    ends_at: "2026-06-12T16:30:00Z",
    join_deadline: "2026-06-12T15:00:00Z",
    points_per_kwh: 100,
    opt_in_bonus: 10,
    audience: { kind: "everyone" },
    baseline_method: "like-days",
    surprise: false,
    participants: 0,
    announced_at: null,
    ...overrides,
  };
}

export function failedJob(overrides: Partial<FailedJob> = {}): FailedJob {
  return {
    id: "00000000-0000-7000-8000-0000000000f1",
    kind: "settle",
    attempts: 5,
    error: "database is locked",
    failed_at: "2026-03-29T01:30:00Z",
    ...overrides,
  };
}

export function systemHealth(overrides: Partial<SystemHealth> = {}): SystemHealth {
  return {
    database_backend: "sqlite",
    database_ok: true,
    queue: { waiting: 1234, running: 2, failed: 1 },
    mqtt_last_ingest_at: "2026-03-29T01:30:00Z",
    mqtt_state: "connected",
    mqtt_state_since: "2026-03-29T00:00:00Z",
    mqtt_error: null,
    ...overrides,
  };
}

export function methodAccuracy(overrides: Partial<MethodAccuracy> = {}): MethodAccuracy {
  return {
    method: "like-days",
    households: 100,
    events: 1500,
    median_cv_rmse_percent: 18.4,
    aggregate_cv_rmse_percent: 4.2,
    aggregate_bias_percent: -1.3,
    ...overrides,
  };
}

export function bucket(overrides: Partial<ConsumptionBucket> = {}): ConsumptionBucket {
  return {
    // 10:00–11:00 in Nicosia (summer time).
    start: "2026-06-12T10:00:00+03:00",
    end: "2026-06-12T11:00:00+03:00",
    kwh: 0.512,
    readings: 4,
    expected_readings: 4,
    complete: true,
    estimated: false,
    ...overrides,
  };
}

export function consumptionSeries(overrides: Partial<ConsumptionSeries> = {}): ConsumptionSeries {
  return {
    time_zone: "Europe/Nicosia",
    resolution: "1h",
    buckets: [
      bucket(),
      bucket({
        start: "2026-06-12T11:00:00+03:00",
        end: "2026-06-12T12:00:00+03:00",
        kwh: 0.25,
        readings: 2,
        complete: false,
        estimated: true,
      }),
    ],
    total_kwh: 0.762,
    ...overrides,
  };
}

export function joinedSession(overrides: Partial<JoinedSession> = {}): JoinedSession {
  return {
    session: session({ state: "final", participants: 40 }),
    result: {
      status: "final",
      reason: null,
      baseline_kwh: 3.2,
      actual_kwh: 2.4,
      saved_kwh: 0.8,
      percent_saved: 25,
      computed_at: "2026-06-13T08:00:00Z",
      periods: [],
    },
    ...overrides,
  };
}

export function joinedSessionPage(items: JoinedSession[] = [joinedSession()], total = items.length): JoinedSessionPage {
  return { items, page: 1, per_page: 25, total };
}

export function pointsEntry(overrides: Partial<PointsEntry> = {}): PointsEntry {
  return {
    points: 80,
    reason: "session_savings",
    reference: "00000000-0000-7000-8000-00000000005e",
    note: null,
    created_at: "2026-06-13T08:00:00Z",
    ...overrides,
  };
}

export function pointsPage(items: PointsEntry[] = [], balance = 0, total = items.length): PointsPage {
  return { balance, items, page: 1, per_page: 25, total };
}

/** A claim waiting for staff: the meter is held by another household. */
export function claim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: "00000000-0000-7000-8000-0000000000c1",
    user_id: user().id,
    meter_id: "CY-SIM-0000003",
    account_number: "9000000003",
    status: "review",
    review_reason: "held_by_another",
    decided_by: null,
    decision_note: null,
    created_at: "2026-06-12T07:00:00Z",
    decided_at: null,
    ...overrides,
  };
}

export function meterLink(overrides: Partial<MeterLink> = {}): MeterLink {
  return {
    meter_id: "CY-0001",
    how: "staff",
    linked_at: "2026-03-29T00:30:00Z",
    ended_at: null,
    end_reason: null,
    ...overrides,
  };
}

export function registerStatus(overrides: Partial<RegisterStatus> = {}): RegisterStatus {
  return {
    entries: 12002,
    last_import_source: "register-2026-06.csv",
    last_import_at: "2026-06-01T06:00:00Z",
    last_import_rows: 12002,
    last_import_rejected: 3,
    claims_in_review: 2,
    ...overrides,
  };
}
