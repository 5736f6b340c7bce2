import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useRecomputeResult } from "./queries";

interface Props {
  userId: string;
  sessionId: string;
  sessionTitle: string;
}

/**
 * A support tool for one household's result of an ended session: after late or corrected meter
 * data, it settles the result again and says whether the points changed.
 */
export function RecomputeButton({ userId, sessionId, sessionTitle }: Props) {
  const { t } = useTranslation("users");
  const recompute = useRecomputeResult(userId, sessionId);
  return (
    <div className="space-y-2">
      <button
        type="button"
        className="btn-secondary whitespace-nowrap"
        aria-label={t("recompute.label", { title: sessionTitle })}
        disabled={recompute.isPending}
        onClick={() => recompute.mutate()}
      >
        {recompute.isPending ? t("recompute.running") : t("recompute.button")}
      </button>
      {recompute.isSuccess && (
        <p role="status" className="text-xs text-slate-700">
          {recompute.data.ledger_entries > 0 ? t("recompute.corrected") : t("recompute.unchanged")}
        </p>
      )}
      {recompute.isError && <ProblemAlert error={recompute.error} title={t("recompute.failed")} />}
    </div>
  );
}
