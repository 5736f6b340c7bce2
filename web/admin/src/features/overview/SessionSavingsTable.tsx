import { useTranslation } from "react-i18next";
import type { SessionSavings } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";
import { isProvisional } from "./sessionSavings";

/** The session savings chart's numbers, for screen readers. */
export function SessionSavingsTable({ caption, sessions }: { caption: string; sessions: SessionSavings[] }) {
  const { t } = useTranslation("overview");
  const format = useFormat();
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("savings.columns.session")}</th>
          <th scope="col">{t("savings.columns.date")}</th>
          <th scope="col">{t("savings.columns.saved")}</th>
          <th scope="col">{t("savings.columns.status")}</th>
          <th scope="col">{t("savings.columns.participants")}</th>
          <th scope="col">{t("savings.columns.points")}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <th scope="row">{session.title}</th>
            <td>{format.shortDate(session.starts_at)}</td>
            <td>{format.kwh(session.saved_kwh)}</td>
            <td>{isProvisional(session) ? t("savings.provisional") : t("savings.final")}</td>
            <td>{format.number(session.participants)}</td>
            <td>{format.number(session.points_issued)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
