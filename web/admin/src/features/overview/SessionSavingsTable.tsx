import type { SessionSavings } from "../../api/types";
import { formatNumber, formatQuantity } from "../../lib/format";
import { useShortDateFormat } from "../programme/useProgramme";
import { isProvisional } from "./sessionSavings";

/** The session savings chart's numbers, for screen readers. */
export function SessionSavingsTable({ caption, sessions }: { caption: string; sessions: SessionSavings[] }) {
  const formatDate = useShortDateFormat();
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Session</th>
          <th scope="col">Date</th>
          <th scope="col">Saved</th>
          <th scope="col">Status</th>
          <th scope="col">Participants</th>
          <th scope="col">Green Points issued</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <th scope="row">{session.title}</th>
            <td>{formatDate(session.starts_at)}</td>
            <td>{formatQuantity(session.saved_kwh, "kWh")}</td>
            <td>{isProvisional(session) ? "Provisional (settling)" : "Final"}</td>
            <td>{formatNumber(session.participants)}</td>
            <td>{formatNumber(session.points_issued)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
