import { useTranslation } from "react-i18next";
import { BASELINE_METHODS, baselineMethodName } from "./baselineMethods";
import { FormField } from "./FormField";
import type { PlanField, PlanFormValues } from "./planForm";

interface Props {
  values: PlanFormValues;
  errorFor(field: PlanField): string | undefined;
  onChange(change: Partial<PlanFormValues>): void;
}

/** Green Points for savings and for taking part, and how savings are measured. */
export function RewardFields({ values, errorFor, onChange }: Props) {
  const { t } = useTranslation("sessions");
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold">{t("form.rewards")}</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="session-points" label={t("plan.pointsPerKwh")} error={errorFor("points_per_kwh")}>
          {(aria) => (
            <input
              {...aria}
              inputMode="numeric"
              value={values.pointsPerKwh}
              onChange={(e) => onChange({ pointsPerKwh: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField id="session-bonus" label={t("form.optInBonus")} error={errorFor("opt_in_bonus")}>
          {(aria) => (
            <input
              {...aria}
              inputMode="numeric"
              value={values.optInBonus}
              onChange={(e) => onChange({ optInBonus: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField id="session-method" label={t("plan.baselineMethod")} error={errorFor("baseline_method")}>
          {(aria) => (
            <select
              {...aria}
              value={values.baselineMethod}
              onChange={(e) => onChange({ baselineMethod: e.target.value })}
              className="input"
            >
              {BASELINE_METHODS.map((method) => (
                <option key={method} value={method}>
                  {baselineMethodName(method, t)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </fieldset>
  );
}
