import { useTranslation } from "react-i18next";
import type { FailedJob } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";

interface Props {
  jobs: FailedJob[];
  busy: boolean;
  onRetry(job: FailedJob): void;
  retryDisabled: boolean;
}

export function FailedJobsTable({ jobs, busy, onRetry, retryDisabled }: Props) {
  const { t } = useTranslation("system");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("jobs.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("jobs.columns.job")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("jobs.columns.failed")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("jobs.columns.attempts")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("jobs.columns.lastError")}</th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">{t("sessions:detail.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {jobs.map((job) => (
            <tr key={job.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 font-medium">
                {job.kind} <span className="block font-mono text-xs font-normal text-slate-600">{job.id}</span>
              </th>
              <td className="px-4 py-2 whitespace-nowrap">{job.failed_at ? format.dateTime(job.failed_at) : "—"}</td>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(job.attempts)}</td>
              <td className="px-4 py-2 break-words">{job.error}</td>
              <td className="px-4 py-2 text-right">
                <button
                  type="button"
                  className="btn-secondary"
                  aria-label={t("jobs.retryLabel", { kind: job.kind, id: job.id })}
                  disabled={retryDisabled}
                  onClick={() => onRetry(job)}
                >
                  {t("jobs.retry")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
