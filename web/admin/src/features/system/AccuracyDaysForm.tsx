import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/useFormat";
import { MAX_ACCURACY_DAYS, MIN_ACCURACY_DAYS } from "./accuracyPeriod";

interface Props {
  initialDays: number;
  /** The server's message about the days (translated), shown beside the field. */
  error: string | undefined;
  computing: boolean;
  onCompute(days: number): void;
}

/** How many days to score over; the server checks the number and says what is wrong with it. */
export function AccuracyDaysForm({ initialDays, error, computing, onCompute }: Props) {
  const { t } = useTranslation("system");
  const format = useFormat();
  const daysId = useId();
  const hintId = useId();
  const errorId = useId();
  const [days, setDays] = useState(String(initialDays));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onCompute(Number(days));
  }

  return (
    <form onSubmit={onSubmit} aria-label={t("accuracy.period")} noValidate className="flex flex-wrap items-start gap-3">
      <div>
        <label htmlFor={daysId} className="mb-1 block text-sm font-medium">
          {t("accuracy.days")}
        </label>
        <input
          id={daysId}
          type="number"
          inputMode="numeric"
          min={MIN_ACCURACY_DAYS}
          max={MAX_ACCURACY_DAYS}
          step={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          className="input w-28"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        />
        {error && (
          <p id={errorId} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {t("accuracy.daysHint", { min: format.number(MIN_ACCURACY_DAYS), max: format.number(MAX_ACCURACY_DAYS) })}
        </p>
      </div>
      <button type="submit" className="btn-primary mt-6" disabled={computing}>
        {computing ? t("accuracy.computing") : t("accuracy.compute")}
      </button>
    </form>
  );
}
