import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDownloadResultsCsv } from "./queries";

/** Every participant's result as a CSV file (fetched with the sign-in's token, then saved). */
export function DownloadResultsButton({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("sessions");
  const download = useDownloadResultsCsv(sessionId);
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? t("results.preparingCsv") : t("results.downloadCsv")}
      </button>
      {download.isError && <ProblemAlert error={download.error} title={t("results.downloadFailed")} />}
    </div>
  );
}
