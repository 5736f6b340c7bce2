import type { FailedJob } from "../../api/types";
import { formatNumber } from "../../lib/format";
import { useDateTimeFormat } from "../programme/useProgramme";

interface Props {
  jobs: FailedJob[];
  busy: boolean;
  onRetry(job: FailedJob): void;
  retryDisabled: boolean;
}

export function FailedJobsTable({ jobs, busy, onRetry, retryDisabled }: Props) {
  const formatDateTime = useDateTimeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Failed jobs</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Job</th>
            <th scope="col" className="px-4 py-2 font-medium">Failed</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Attempts</th>
            <th scope="col" className="px-4 py-2 font-medium">Last error</th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {jobs.map((job) => (
            <tr key={job.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 font-medium">
                {job.kind} <span className="block font-mono text-xs font-normal text-slate-600">{job.id}</span>
              </th>
              <td className="px-4 py-2 whitespace-nowrap">{job.failed_at ? formatDateTime(job.failed_at) : "—"}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatNumber(job.attempts)}</td>
              <td className="px-4 py-2 break-words">{job.error}</td>
              <td className="px-4 py-2 text-right">
                <button
                  type="button"
                  className="btn-secondary"
                  aria-label={`Retry ${job.kind} job ${job.id}`}
                  disabled={retryDisabled}
                  onClick={() => onRetry(job)}
                >
                  Retry
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
