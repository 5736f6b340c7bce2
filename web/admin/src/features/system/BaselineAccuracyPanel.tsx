import { useState } from "react";
import { ApiError } from "@shared/api/errors";
import { ProblemAlert } from "../../components/ProblemAlert";
import { formatNumber } from "../../lib/format";
import { AccuracyDaysForm } from "./AccuracyDaysForm";
import { ACCURACY_HOUSEHOLDS, DEFAULT_ACCURACY_DAYS } from "./accuracyPeriod";
import { AccuracyTable } from "./AccuracyTable";
import { useBaselineAccuracy } from "./queries";

const FIELDS = ["days"] as const;

/** Every baseline method scored on the programme's own data: computed on opening and on request. */
export function BaselineAccuracyPanel() {
  const [days, setDays] = useState(DEFAULT_ACCURACY_DAYS);
  const accuracy = useBaselineAccuracy(days);
  const daysError = accuracy.error instanceof ApiError ? accuracy.error.fieldError("days") : undefined;

  function compute(next: number) {
    if (next === days) void accuracy.refetch();
    else setDays(next);
  }

  return (
    <div className="space-y-4">
      <AccuracyDaysForm
        initialDays={DEFAULT_ACCURACY_DAYS}
        error={daysError}
        computing={accuracy.isFetching}
        onCompute={compute}
      />
      {accuracy.isFetching && (
        <div role="status" className="space-y-1 text-sm text-slate-600">
          <p>
            Computing every method's accuracy over {formatNumber(days)} days for up to{" "}
            {formatNumber(ACCURACY_HOUSEHOLDS)} households; this takes a few seconds.
          </p>
          <progress aria-label="Computing baseline accuracy" className="h-1.5 w-64 accent-emerald-700" />
        </div>
      )}
      {accuracy.isError && !accuracy.isFetching && (
        <ProblemAlert error={accuracy.error} title="Could not compute the baseline accuracy" shownFields={FIELDS} />
      )}
      {accuracy.data && (
        <>
          <p className="text-sm text-slate-600">
            Weekday 17:00–19:00 pseudo-events over the last {formatNumber(accuracy.data.days)} days; lower CV(RMSE)
            is better; bias near 0 is better (above 0, the baselines are too high).
          </p>
          <AccuracyTable methods={accuracy.data.methods} busy={accuracy.isFetching} />
        </>
      )}
    </div>
  );
}
