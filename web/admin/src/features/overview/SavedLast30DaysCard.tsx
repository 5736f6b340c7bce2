import { KpiCard } from "./KpiCard";
import { savedInLast30Days } from "./sessionSavings";
import { useOverviewSessions } from "./useOverview";

/** kWh saved by the sessions that started in the last 30 days, once the sessions are known. */
export function SavedLast30DaysCard() {
  const sessions = useOverviewSessions();
  if (!sessions.data) return null;
  // To the hundredth of a kWh, as the chart's table says it.
  const saved = Math.round(savedInLast30Days(sessions.data, new Date()) * 100) / 100;
  return <KpiCard label="kWh saved (last 30 days)" value={saved} />;
}
