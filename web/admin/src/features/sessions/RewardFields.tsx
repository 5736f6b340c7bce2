import { BASELINE_METHODS } from "./baselineMethods";
import { FormField } from "./FormField";
import type { PlanField, PlanFormValues } from "./planForm";

interface Props {
  values: PlanFormValues;
  errorFor(field: PlanField): string | undefined;
  onChange(change: Partial<PlanFormValues>): void;
}

/** Green Points for savings and for taking part, and how savings are measured. */
export function RewardFields({ values, errorFor, onChange }: Props) {
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold">Rewards and measurement</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="session-points" label="Points per kWh saved" error={errorFor("points_per_kwh")}>
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
        <FormField id="session-bonus" label="Opt-in bonus (points)" error={errorFor("opt_in_bonus")}>
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
        <FormField id="session-method" label="Baseline method" error={errorFor("baseline_method")}>
          {(aria) => (
            <select
              {...aria}
              value={values.baselineMethod}
              onChange={(e) => onChange({ baselineMethod: e.target.value })}
              className="input"
            >
              {BASELINE_METHODS.map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </fieldset>
  );
}
