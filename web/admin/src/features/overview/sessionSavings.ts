import type { SessionSavings } from "../../api/types";

const DAY_MS = 86_400_000;

/** Settling sessions' figures are provisional: late readings may still change them. */
export function isProvisional(session: SessionSavings): boolean {
  return session.state === "settling";
}

/** One bar per session: its kWh saved under "final" or "settling", so the two are drawn differently. */
export interface SavingsBar {
  session: SessionSavings;
  finalKwh: number | null;
  settlingKwh: number | null;
}

export function savingsBars(sessions: SessionSavings[]): SavingsBar[] {
  return sessions.map((session) =>
    isProvisional(session)
      ? { session, finalKwh: null, settlingKwh: session.saved_kwh }
      : { session, finalKwh: session.saved_kwh, settlingKwh: null },
  );
}

/** kWh saved by the sessions that started in the 30 days before `now`. */
export function savedInLast30Days(sessions: SessionSavings[], now: Date): number {
  const since = now.getTime() - 30 * DAY_MS;
  return sessions
    .filter((session) => new Date(session.starts_at).getTime() >= since)
    .reduce((sum, session) => sum + session.saved_kwh, 0);
}
