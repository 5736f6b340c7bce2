import { useState } from "react";
import { ApiError } from "@shared/api/errors";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/ProblemAlert";
import { fieldErrorText } from "../../i18n/problems";
import { useFormat } from "../../i18n/useFormat";
import { AccuracyDaysForm } from "./AccuracyDaysForm";
import { ACCURACY_HOUSEHOLDS, DEFAULT_ACCURACY_DAYS } from "./accuracyPeriod";
import { AccuracyTable } from "./AccuracyTable";
import { useBaselineAccuracy } from "./queries";

const FIELDS = ["days"] as const;

/** Every baseline method scored on the programme's own data: computed on opening and on request. */
export function BaselineAccuracyPanel() {
  const { t, i18n } = useTranslation("system");
  const format = useFormat();
  const [days, setDays] = useState(DEFAULT_ACCURACY_DAYS);
  const accuracy = useBaselineAccuracy(days);
  const rejected =
    accuracy.error instanceof ApiError ? accuracy.error.fieldErrors.find((e) => e.field === "days") : undefined;
  const daysError = rejected && fieldErrorText(rejected, t, i18n.language);

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
            {t("accuracy.computingNote", {
              days: format.number(days),
              households: format.number(ACCURACY_HOUSEHOLDS),
            })}
          </p>
          <progress aria-label={t("accuracy.progress")} className="h-1.5 w-64 accent-emerald-700" />
        </div>
      )}
      {accuracy.isError && !accuracy.isFetching && (
        <ProblemAlert error={accuracy.error} title={t("accuracy.failed")} shownFields={FIELDS} />
      )}
      {accuracy.data && (
        <>
          <p className="text-sm text-slate-600">
            {t("accuracy.explanation", { days: format.number(accuracy.data.days) })}
          </p>
          <AccuracyTable methods={accuracy.data.methods} busy={accuracy.isFetching} />
        </>
      )}
    </div>
  );
}
