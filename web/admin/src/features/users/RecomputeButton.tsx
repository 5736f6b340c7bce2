import type { RecomputedResult } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useRecomputeResult } from "./queries";

interface Props {
  userId: string;
  sessionId: string;
  sessionTitle: string;
}

function outcome(recomputed: RecomputedResult): string {
  return recomputed.ledger_entries > 0
    ? "Recomputed: a correcting entry was added to the points ledger"
    : "Recomputed: no change";
}

/**
 * A support tool for one household's result of an ended session: after late or corrected meter
 * data, it settles the result again and says whether the points changed.
 */
export function RecomputeButton({ userId, sessionId, sessionTitle }: Props) {
  const recompute = useRecomputeResult(userId, sessionId);
  return (
    <div className="space-y-2">
      <button
        type="button"
        className="btn-secondary whitespace-nowrap"
        aria-label={`Recompute result for ${sessionTitle}`}
        disabled={recompute.isPending}
        onClick={() => recompute.mutate()}
      >
        {recompute.isPending ? "Recomputing…" : "Recompute"}
      </button>
      {recompute.isSuccess && (
        <p role="status" className="text-xs text-slate-700">
          {outcome(recompute.data)}
        </p>
      )}
      {recompute.isError && <ProblemAlert error={recompute.error} title="Could not recompute the result" />}
    </div>
  );
}
