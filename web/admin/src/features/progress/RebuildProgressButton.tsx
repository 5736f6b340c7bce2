import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useRebuildProgress } from "./queries";

/**
 * A support tool: after a correction, queue a job that works the household's level, garden, streak
 * and badges out again. It only queues; the section shows the new figures once the job has run.
 */
export function RebuildProgressButton({ userId, displayName }: { userId: string; displayName: string }) {
  const { t } = useTranslation("progress");
  const [confirming, setConfirming] = useState(false);
  const rebuild = useRebuildProgress(userId);

  function confirm() {
    setConfirming(false);
    rebuild.mutate();
  }

  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary" disabled={rebuild.isPending} onClick={() => setConfirming(true)}>
        {rebuild.isPending ? t("rebuild.queueing") : t("rebuild.button")}
      </button>
      {rebuild.isSuccess && (
        <p role="status" className="max-w-xs text-sm text-slate-700">
          {t("rebuild.queued")}
        </p>
      )}
      {rebuild.isError && <ProblemAlert error={rebuild.error} title={t("rebuild.failed")} />}
      {confirming && (
        <ConfirmDialog
          title={t("rebuild.question", { name: displayName })}
          confirmLabel={t("rebuild.button")}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          {t("rebuild.explanation")}
        </ConfirmDialog>
      )}
    </div>
  );
}
