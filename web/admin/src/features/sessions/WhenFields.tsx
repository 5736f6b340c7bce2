import { useTranslation } from "react-i18next";
import type { PlanField, PlanFormValues } from "./planForm";
import { FormField } from "./FormField";

interface Props {
  values: PlanFormValues;
  timeZone: string;
  errorFor(field: PlanField): string | undefined;
  onChange(change: Partial<PlanFormValues>): void;
}

/** Start, end and join deadline on the programme's wall clock, and whether notice is short. */
export function WhenFields({ values, timeZone, errorFor, onChange }: Props) {
  const { t } = useTranslation("sessions");
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold">{t("form.when")}</legend>
      <p className="text-sm text-slate-600">{t("form.whenHint", { zone: timeZone })}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="session-starts-at" label={t("form.start")} error={errorFor("starts_at")}>
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step={1800}
              value={values.startsAt}
              onChange={(e) => onChange({ startsAt: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField id="session-ends-at" label={t("form.end")} hint={t("form.endHint")} error={errorFor("ends_at")}>
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step={1800}
              value={values.endsAt}
              onChange={(e) => onChange({ endsAt: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField
          id="session-join-deadline"
          label={t("form.joinDeadline")}
          hint={t("form.joinDeadlineHint")}
          error={errorFor("join_deadline")}
        >
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step={1800}
              value={values.joinDeadline}
              onChange={(e) => onChange({ joinDeadline: e.target.value })}
              className="input"
            />
          )}
        </FormField>
      </div>
      <div className="flex items-start gap-2">
        <input
          id="session-surprise"
          type="checkbox"
          checked={values.surprise}
          onChange={(e) => onChange({ surprise: e.target.checked })}
          aria-describedby="session-surprise-hint"
          className="mt-1"
        />
        <div>
          <label htmlFor="session-surprise" className="text-sm font-medium">
            {t("form.surprise")}
          </label>
          <p id="session-surprise-hint" className="text-xs text-slate-600">
            {t("form.surpriseHint")}
          </p>
        </div>
      </div>
    </fieldset>
  );
}
