import type { SessionSavings } from "../../api/types";

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
